import { Modules } from "@medusajs/framework/utils"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { createAdminAndSignIn } from "./utils/admin"
import { credentialsService, failure } from "./utils/credentials"
import { createRegisteredCustomer } from "./utils/customers"
import { createPublishableKeyHeader } from "./utils/store"
import { STORE_PASSWORD, storeClient } from "./utils/store-session"

jest.setTimeout(180 * 1000)

/**
 * The token gate reads the login's state on every request: "sign-in is on
 * for that account" and "the login may still act for the account" hold
 * whatever wrote the row. The admin's routes also end the sessions, so the
 * route matrix cannot tell the two checks apart; here the rows are changed
 * by a writer that ends nothing (a data import, a SQL console), and the
 * token must stop working all the same, and work again once the row is
 * back as it was.
 */
medusaIntegrationTestRunner({
  inApp: true,
  env: {},
  testSuite: ({ api, getContainer }) => {
    let store: ReturnType<typeof storeClient>

    beforeEach(async () => {
      store = storeClient(api, await createPublishableKeyHeader(getContainer()))
    })

    it("a token stops authenticating while its account's sign-in is off, whoever turned it off", async () => {
      const customer = await createRegisteredCustomer(getContainer(), {
        email: "sol@example.com",
        password: STORE_PASSWORD,
      })
      const signedIn = await store.post("/store/credentials/login", {
        identifier: "sol@example.com",
        password: STORE_PASSWORD,
      })
      expect(signedIn.status).toBe(200)
      const token = signedIn.data.token as string
      expect((await store.get("/store/customers/me", token)).status).toBe(200)

      const service = credentialsService(getContainer())
      const [credential] = await service.listCustomerCredentials({
        customer_id: customer.id,
      })
      await service.updateCustomerCredentials({
        id: credential.id,
        login_enabled: false,
      })

      const refused = await store.get("/store/customers/me", token)
      expect(refused.status).toBe(401)
      expect(refused.data.code).toBe("login_disabled")

      await service.updateCustomerCredentials({
        id: credential.id,
        login_enabled: true,
      })
      expect((await store.get("/store/customers/me", token)).status).toBe(200)
    })

    it("a company token stops authenticating while its reference is not an internet user, whoever wrote it", async () => {
      const { headers } = await createAdminAndSignIn(getContainer(), api)
      const person = await createRegisteredCustomer(getContainer(), {
        email: "kai@example.com",
        password: STORE_PASSWORD,
      })
      // A reference keeps only a proven password.
      await api
        .post(
          `/admin/customers/${person.id}/credentials`,
          { email_confirmed: true },
          { headers }
        )
        .catch(failure)
      const acme = await getContainer()
        .resolve(Modules.CUSTOMER)
        .createCustomers({ email: "orders@acme.test", company_name: "Acme" })
      const added = await api
        .post(
          `/admin/customers/${acme.id}/references`,
          { email: "kai@example.com" },
          { headers }
        )
        .catch(failure)
      expect(added.status).toBeLessThan(300)

      const login = await store.post("/store/credentials/login", {
        identifier: "kai@example.com",
        password: STORE_PASSWORD,
      })
      expect(login.status).toBe(200)
      const chosen = await store.post(
        "/store/credentials/select-account",
        { customer_id: acme.id },
        login.data.token
      )
      expect(chosen.status).toBe(200)
      const token = chosen.data.token as string
      const me = await store.get("/store/customers/me", token)
      expect(me.status).toBe(200)
      expect(me.data.customer.id).toBe(acme.id)

      const service = credentialsService(getContainer())
      const [reference] = await service.listCustomerReferences({
        customer_id: acme.id,
      })
      await service.updateCustomerReferences({
        id: reference.id,
        internet_user: false,
      })
      const refused = await store.get("/store/customers/me", token)
      expect(refused.status).toBe(401)
      expect(refused.data.code).toBe("session_ended")

      await service.updateCustomerReferences({
        id: reference.id,
        internet_user: true,
      })
      expect((await store.get("/store/customers/me", token)).status).toBe(200)
    })
  },
})
