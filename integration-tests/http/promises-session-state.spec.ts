import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { credentialsService } from "./utils/credentials"
import { createRegisteredCustomer } from "./utils/customers"
import { createPublishableKeyHeader } from "./utils/store"
import { STORE_PASSWORD, storeClient } from "./utils/store-session"

jest.setTimeout(180 * 1000)

/**
 * The token gate reads the login's state on every request: "sign-in is on
 * for that account" holds whatever wrote the switch. The admin's switch
 * also ends the sessions, so the route matrix cannot tell the two checks
 * apart; here the credential row is changed by a writer that ends nothing
 * (a data import, a SQL console), and the token must stop working all the
 * same, and work again once sign-in is back on.
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
  },
})
