import { Modules } from "@medusajs/framework/utils"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { createAdminAndSignIn } from "./utils/admin"
import { failure } from "./utils/credentials"
import { createRegisteredCustomer } from "./utils/customers"
import { createPublishableKeyHeader } from "./utils/store"
import { STORE_PASSWORD, storeClient } from "./utils/store-session"

jest.setTimeout(180 * 1000)

const ADDRESS = {
  first_name: "Buyer",
  last_name: "Acme",
  address_1: "1 Main Street",
  city: "Berlin",
  country_code: "de",
  postal_code: "10115",
}

/**
 * "`manage_addresses` the address routes; `view_orders` the order routes":
 * a login acting for a company with the right off is refused there (403
 * permission_denied), and with it on gets core's answer.
 */
medusaIntegrationTestRunner({
  inApp: true,
  env: {},
  testSuite: ({ api, getContainer }) => {
    let store: ReturnType<typeof storeClient>
    let adminHeaders: Record<string, string>

    beforeEach(async () => {
      store = storeClient(api, await createPublishableKeyHeader(getContainer()))
      ;({ headers: adminHeaders } = await createAdminAndSignIn(
        getContainer(),
        api
      ))
    })

    const admin = (path: string, body: unknown) =>
      api.post(path, body, { headers: adminHeaders }).catch(failure)

    /** A person signed in for the company Acme, with the given rights there. */
    const signedInForAcme = async (rights: Record<string, boolean>) => {
      const person = "buyer@example.com"
      const own = await createRegisteredCustomer(getContainer(), {
        email: person,
        password: STORE_PASSWORD,
      })
      // A reference keeps only a proven password.
      await admin(`/admin/customers/${own.id}/credentials`, {
        email_confirmed: true,
      })
      const acme = await getContainer()
        .resolve(Modules.CUSTOMER)
        .createCustomers({ email: "orders@acme.test", company_name: "Acme" })
      const reference = await admin(`/admin/customers/${acme.id}/references`, {
        email: person,
        permissions: rights,
      })
      expect(reference.status).toBeLessThan(300)
      const login = await store.post("/store/credentials/login", {
        identifier: person,
        password: STORE_PASSWORD,
      })
      expect(login.status).toBe(200)
      const chosen = await store.post(
        "/store/credentials/select-account",
        { customer_id: acme.id },
        login.data.token
      )
      expect(chosen.status).toBe(200)
      return { acme, token: chosen.data.token as string }
    }

    const acmeOrder = async (customerId: string) =>
      getContainer()
        .resolve(Modules.ORDER)
        .createOrders({
          email: "orders@acme.test",
          customer_id: customerId,
          currency_code: "eur",
          items: [{ title: "Paper", quantity: 1, unit_price: 10 }],
        })

    it("manage_addresses off: the company's addresses cannot be added", async () => {
      const { token } = await signedInForAcme({ manage_addresses: false })

      const added = await store.post(
        "/store/customers/me/addresses",
        ADDRESS,
        token
      )
      expect(added.status).toBe(403)
      expect(added.data.code).toBe("permission_denied")
    })

    it("control: manage_addresses on, the address is added", async () => {
      const { token } = await signedInForAcme({ manage_addresses: true })
      const added = await store.post(
        "/store/customers/me/addresses",
        ADDRESS,
        token
      )
      expect(added.status).toBe(200)
    })

    it("view_orders off: an order of the company is not shown by its id", async () => {
      const { acme, token } = await signedInForAcme({ view_orders: false })
      const order = await acmeOrder(acme.id)

      const shown = await store.get(`/store/orders/${order.id}`, token)
      expect(shown.status).toBe(403)
      expect(shown.data.code).toBe("permission_denied")
    })

    it("control: view_orders on, the order is shown", async () => {
      const { acme, token } = await signedInForAcme({ view_orders: true })
      const order = await acmeOrder(acme.id)

      const shown = await store.get(`/store/orders/${order.id}`, token)
      expect(shown.status).toBe(200)
      expect(shown.data.order.id).toBe(order.id)
    })
  },
})
