import type { ExecArgs } from "@medusajs/framework/types"
import {
  ContainerRegistrationKeys,
  MedusaError,
  Modules,
  ProductStatus,
} from "@medusajs/framework/utils"
import {
  createApiKeysWorkflow,
  createCustomerAccountWorkflow,
  createCustomersWorkflow,
  createProductsWorkflow,
  createRegionsWorkflow,
  createSalesChannelsWorkflow,
  createShippingProfilesWorkflow,
  createTaxRegionsWorkflow,
  createUserAccountWorkflow,
  linkSalesChannelsToApiKeyWorkflow,
  updateStoresWorkflow,
} from "@medusajs/medusa/core-flows"
import { updateCustomerCredentialsWorkflow } from "../workflows/credentials/update-customer-credentials"

/**
 * Seeds a small store to try the plugin in: a region, a product, an admin
 * user, one registered customer and one guest customer. Every part checks
 * whether it already exists, so running it again changes nothing.
 *
 * The accounts are for a local development store only.
 */
export const SEED = {
  admin: { email: "admin@example.com", password: "supersecret" },
  registeredCustomer: {
    email: "registered@example.com",
    password: "Registered-Pass-1!",
    first_name: "Rita",
    last_name: "Registered",
  },
  guestCustomer: {
    email: "guest@example.com",
    first_name: "Gustav",
    last_name: "Guest",
  },
  salesChannel: "Default Sales Channel",
  region: "Europe",
  product: "Credentials T-Shirt",
}

export default async function seed({ container }: ExecArgs) {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const authModule = container.resolve(Modules.AUTH)

  // Sales channel and store currencies
  const salesChannelModule = container.resolve(Modules.SALES_CHANNEL)
  let [salesChannel] = await salesChannelModule.listSalesChannels({
    name: SEED.salesChannel,
  })
  if (!salesChannel) {
    const { result } = await createSalesChannelsWorkflow(container).run({
      input: { salesChannelsData: [{ name: SEED.salesChannel }] },
    })
    salesChannel = result[0]
  }

  const [store] = await container.resolve(Modules.STORE).listStores()
  await updateStoresWorkflow(container).run({
    input: {
      selector: { id: store.id },
      update: {
        supported_currencies: [{ currency_code: "eur", is_default: true }],
        default_sales_channel_id: salesChannel.id,
      },
    },
  })

  // Region and its tax regions
  const regionModule = container.resolve(Modules.REGION)
  const countries = ["de", "dk", "fr", "se"]
  if (!(await regionModule.listRegions({ name: SEED.region })).length) {
    await createRegionsWorkflow(container).run({
      input: {
        regions: [
          {
            name: SEED.region,
            currency_code: "eur",
            countries,
            payment_providers: ["pp_system_default"],
          },
        ],
      },
    })
    await createTaxRegionsWorkflow(container).run({
      input: countries.map((country_code) => ({
        country_code,
        provider_id: "tp_system",
      })),
    })
  }

  // Publishable API key for a storefront
  const apiKeyModule = container.resolve(Modules.API_KEY)
  let [publishableKey] = await apiKeyModule.listApiKeys({
    title: "Storefront",
    type: "publishable",
  })
  if (!publishableKey) {
    const { result } = await createApiKeysWorkflow(container).run({
      input: {
        api_keys: [
          { title: "Storefront", type: "publishable", created_by: "" },
        ],
      },
    })
    publishableKey = result[0]
    await linkSalesChannelsToApiKeyWorkflow(container).run({
      input: { id: publishableKey.id, add: [salesChannel.id] },
    })
  }

  // A product to buy
  const fulfillmentModule = container.resolve(Modules.FULFILLMENT)
  let [shippingProfile] = await fulfillmentModule.listShippingProfiles({
    type: "default",
  })
  if (!shippingProfile) {
    const { result } = await createShippingProfilesWorkflow(container).run({
      input: { data: [{ name: "Default Shipping Profile", type: "default" }] },
    })
    shippingProfile = result[0]
  }
  const productModule = container.resolve(Modules.PRODUCT)
  if (!(await productModule.listProducts({ title: SEED.product })).length) {
    await createProductsWorkflow(container).run({
      input: {
        products: [
          {
            title: SEED.product,
            handle: "credentials-t-shirt",
            status: ProductStatus.PUBLISHED,
            shipping_profile_id: shippingProfile.id,
            options: [{ title: "Size", values: ["M", "L"] }],
            variants: ["M", "L"].map((size) => ({
              title: size,
              sku: `CRED-SHIRT-${size}`,
              manage_inventory: false,
              options: { Size: size },
              prices: [{ amount: 25, currency_code: "eur" }],
            })),
            sales_channels: [{ id: salesChannel.id }],
          },
        ],
      },
    })
  }

  // Admin user who signs in to http://localhost:9000/app
  const userModule = container.resolve(Modules.USER)
  if (!(await userModule.listUsers({ email: SEED.admin.email })).length) {
    const { authIdentity, error } = await authModule.register("emailpass", {
      body: { email: SEED.admin.email, password: SEED.admin.password },
    } as never)
    if (error || !authIdentity) {
      throw new MedusaError(
        MedusaError.Types.UNEXPECTED_STATE,
        `Could not create the admin's login: ${error}`
      )
    }
    await createUserAccountWorkflow(container).run({
      input: {
        authIdentityId: authIdentity.id,
        userData: { email: SEED.admin.email, first_name: "Admin" },
      },
    })
  }

  // One registered customer (has a login) and one guest (earlier orders, no login)
  const customerModule = container.resolve(Modules.CUSTOMER)
  const { registeredCustomer, guestCustomer } = SEED
  if (
    !(
      await customerModule.listCustomers({
        email: registeredCustomer.email,
        has_account: true,
      })
    ).length
  ) {
    const { authIdentity, error } = await authModule.register("emailpass", {
      body: {
        email: registeredCustomer.email,
        password: registeredCustomer.password,
      },
    } as never)
    if (error || !authIdentity) {
      throw new MedusaError(
        MedusaError.Types.UNEXPECTED_STATE,
        `Could not create the customer's login: ${error}`
      )
    }
    const { result: customer } = await createCustomerAccountWorkflow(
      container
    ).run({
      input: {
        authIdentityId: authIdentity.id,
        customerData: {
          email: registeredCustomer.email,
          first_name: registeredCustomer.first_name,
          last_name: registeredCustomer.last_name,
        },
      },
    })
    // A registered customer as a store has them: the email confirmed (so
    // the password is proven, and kept when the login is linked elsewhere).
    await updateCustomerCredentialsWorkflow(container).run({
      input: {
        customer_id: customer.id,
        email_confirmed: true,
        actor: { type: "system", id: null },
      },
    })
  }
  if (
    !(await customerModule.listCustomers({ email: guestCustomer.email })).length
  ) {
    await createCustomersWorkflow(container).run({
      input: {
        customersData: [{ ...guestCustomer, has_account: false }],
      },
    })
  }

  const { data: keys } = await query.graph({
    entity: "api_key",
    fields: ["token"],
    filters: { id: publishableKey.id },
  })

  logger.info(
    [
      "Seed data is ready.",
      `  Admin:               http://localhost:9000/app  ${SEED.admin.email} / ${SEED.admin.password}`,
      `  Registered customer: ${registeredCustomer.email} (password in src/scripts/seed.ts)`,
      `  Guest customer:      ${guestCustomer.email}`,
      `  Publishable API key: ${keys[0]?.token}`,
    ].join("\n")
  )
}
