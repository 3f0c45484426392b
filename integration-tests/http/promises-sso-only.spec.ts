import { Modules } from "@medusajs/framework/utils"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { createAdminAndSignIn } from "./utils/admin"
import { failure } from "./utils/credentials"
import { createCustomer, createRegisteredCustomer } from "./utils/customers"
import { afterSubscribers, emailsTo } from "./utils/notifications"
import { useOidcTestProvider } from "./utils/oidc-test-provider"
import { createPublishableKeyHeader } from "./utils/store"
import {
  activationTokenFrom,
  STORE_PASSWORD,
  storeClient,
  tokenFrom,
} from "./utils/store-session"

jest.setTimeout(240 * 1000)

// "SSO only" closes password routes only on a store that has the provider.
useOidcTestProvider()

const CHOSEN = "Chosen-Passw0rd!"

/**
 * With "SSO only" on, no password is set through a link issued before it
 * was turned on: neither a reset link (core's `.../emailpass/update`) nor
 * an activation link (`POST /store/credentials/activate`); nor does a B2B
 * password sign-in finish by choosing its account
 * (`POST /store/credentials/select-account`). The route matrix checks the
 * routes that start a password flow; these finish one.
 */
medusaIntegrationTestRunner({
  inApp: true,
  env: {},
  testSuite: ({ api, getContainer }) => {
    let store: ReturnType<typeof storeClient>
    let adminHeaders: Record<string, string>

    const admin = (path: string, body: unknown) =>
      api.post(path, body, { headers: adminHeaders }).catch(failure)

    beforeEach(async () => {
      store = storeClient(api, await createPublishableKeyHeader(getContainer()))
      ;({ headers: adminHeaders } = await createAdminAndSignIn(
        getContainer(),
        api
      ))
      expect(
        (await admin("/admin/credential-settings", { sso_enabled: true }))
          .status
      ).toBe(200)
    })

    const ssoOnly = async () =>
      expect(
        (await admin("/admin/credential-settings", { sso_only: true })).status
      ).toBe(200)

    const signIn = (email: string, password: string) =>
      store.post("/store/credentials/login", { identifier: email, password })

    it("a reset link issued before SSO only sets no password", async () => {
      await createRegisteredCustomer(getContainer(), {
        email: "rita@example.com",
        password: STORE_PASSWORD,
      })
      await afterSubscribers(getContainer(), "auth.password_reset", () =>
        store.post("/auth/customer/emailpass/reset-password", {
          identifier: "rita@example.com",
        })
      )
      const [email] = await emailsTo(getContainer(), "rita@example.com")
      const token = new URL(email.data.reset_url).searchParams.get("token")!
      await ssoOnly()

      const update = await store.post(
        "/auth/customer/emailpass/update",
        { password: CHOSEN },
        token
      )
      expect(update.status).toBe(403)
      expect(update.data.code).toBe("sso_only")

      // The password did not change: with SSO only off again, the old one
      // signs in and the chosen one does not.
      await admin("/admin/credential-settings", { sso_only: false })
      expect((await signIn("rita@example.com", CHOSEN)).status).toBe(401)
      expect((await signIn("rita@example.com", STORE_PASSWORD)).status).toBe(
        200
      )
    })

    it("an activation link issued before SSO only sets no password", async () => {
      const customer = await createCustomer(getContainer(), {
        email: "anton@example.com",
      })
      const sent = await admin(
        `/admin/customers/${customer.id}/credentials/send-activation`,
        {}
      )
      expect(sent.status).toBe(202)
      const [email] = await emailsTo(getContainer(), "anton@example.com")
      const token = activationTokenFrom(email.data.text)
      await ssoOnly()

      const activate = await store.post("/store/credentials/activate", {
        token,
        password: CHOSEN,
      })
      expect(activate.status).toBe(403)
      expect(activate.data.code).toBe("sso_only")

      await admin("/admin/credential-settings", { sso_only: false })
      // By its customer number, which it would sign in with once activated.
      expect(
        (await signIn(sent.data.credentials.customer_number, CHOSEN)).status
      ).toBe(401)
    })

    it("an account selection begun with a password before SSO only gives no token", async () => {
      const person = await createRegisteredCustomer(getContainer(), {
        email: "bea@example.com",
        password: STORE_PASSWORD,
      })
      await admin(`/admin/customers/${person.id}/credentials`, {
        email_confirmed: true,
      })
      const company = await getContainer()
        .resolve(Modules.CUSTOMER)
        .createCustomers({
          email: "orders@acme.test",
          company_name: "Acme Corp",
        })
      expect(
        (
          await admin(`/admin/customers/${company.id}/references`, {
            email: "bea@example.com",
          })
        ).status
      ).toBe(201)
      const login = await signIn("bea@example.com", STORE_PASSWORD)
      expect(login.data.account_selection_required).toBe(true)
      await ssoOnly()

      const select = () =>
        store.post(
          "/store/credentials/select-account",
          { customer_id: company.id },
          login.data.token
        )
      const refused = await select()
      expect(refused.status).toBe(403)
      expect(refused.data.code).toBe("sso_only")
      expect(refused.data.token).toBeUndefined()

      // The selection token itself was good: with SSO only off it selects.
      await admin("/admin/credential-settings", { sso_only: false })
      const chosen = await select()
      expect(
        (await store.get("/store/customers/me", tokenFrom(chosen))).data
          .customer.id
      ).toBe(company.id)
    })
  },
})
