import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { createAdminAndSignIn } from "./utils/admin"
import { failure } from "./utils/credentials"
import { createRegisteredCustomer } from "./utils/customers"
import { afterSubscribers, emailsTo } from "./utils/notifications"
import { createPublishableKeyHeader } from "./utils/store"
import { STORE_PASSWORD, storeClient } from "./utils/store-session"

jest.setTimeout(240 * 1000)

/**
 * The password policy the merchant saves is the one every route enforces.
 * Other suites run with the default policy (8 characters, a capital, a digit
 * and a special character), so a route that checked the defaults would pass
 * there. Here the store asks for 14 characters and a digit, and nothing else:
 * a password the default accepts but this policy refuses, and one the
 * default refuses but this policy accepts, go through every route that sets
 * a password.
 */
const POLICY = {
  min_length: 14,
  require_uppercase: false,
  require_digit: true,
  require_special: false,
}
/** Meets the default policy; 12 characters, below the store's 14. */
const TOO_SHORT = "Abcdef-1234!"
/** No capital, no special character: refused by the default, fine here. */
const STORE_POLICY_ONLY = "lowercaseonly2024x"

medusaIntegrationTestRunner({
  inApp: true,
  env: {},
  testSuite: ({ api, getContainer }) => {
    let store: ReturnType<typeof storeClient>

    beforeEach(async () => {
      store = storeClient(api, await createPublishableKeyHeader(getContainer()))
      const { headers } = await createAdminAndSignIn(getContainer(), api)
      const saved = await api
        .post(
          "/admin/credential-settings",
          { password_policy: POLICY },
          { headers }
        )
        .catch(failure)
      expect(saved.status).toBe(200)
      await createRegisteredCustomer(getContainer(), {
        email: "mira@example.com",
        password: STORE_PASSWORD,
      })
    })

    const expectPolicyRefusal = (response: {
      status: number
      data: { code?: string; message?: string }
    }) => {
      expect(response.status).toBe(400)
      expect(response.data.message).toContain("must be at least 14 characters")
    }

    it("POST /store/credentials/register", async () => {
      const register = (email: string, password: string) =>
        store.post("/store/credentials/register", {
          email,
          password,
          first_name: "Pol",
          last_name: "Icy",
        })
      expectPolicyRefusal(await register("short@example.com", TOO_SHORT))
      expect(
        (await register("custom@example.com", STORE_POLICY_ONLY)).status
      ).toBe(201)
    })

    it("POST /auth/customer/emailpass/register", async () => {
      const register = (email: string, password: string) =>
        store.post("/auth/customer/emailpass/register", { email, password })
      expectPolicyRefusal(await register("short@example.com", TOO_SHORT))
      const accepted = await register("custom@example.com", STORE_POLICY_ONLY)
      expect(accepted.status).toBe(200)
      expect(typeof accepted.data.token).toBe("string")
    })

    it("POST /auth/customer/emailpass/update (the reset link)", async () => {
      await afterSubscribers(getContainer(), "auth.password_reset", () =>
        store.post("/auth/customer/emailpass/reset-password", {
          identifier: "mira@example.com",
        })
      )
      const [email] = await emailsTo(getContainer(), "mira@example.com")
      const token = new URL(email.data.reset_url).searchParams.get("token")!
      const update = (password: string) =>
        store.post("/auth/customer/emailpass/update", { password }, token)

      expectPolicyRefusal(await update(TOO_SHORT))
      expect((await update(STORE_POLICY_ONLY)).status).toBe(200)
      expect(
        (
          await store.post("/store/credentials/login", {
            identifier: "mira@example.com",
            password: STORE_POLICY_ONLY,
          })
        ).status
      ).toBe(200)
    })

    it("POST /store/customers/me/password", async () => {
      const signedIn = await store.post("/store/credentials/login", {
        identifier: "mira@example.com",
        password: STORE_PASSWORD,
      })
      expect(signedIn.status).toBe(200)
      const change = (password: string) =>
        store.post(
          "/store/customers/me/password",
          { current_password: STORE_PASSWORD, new_password: password },
          signedIn.data.token
        )

      expectPolicyRefusal(await change(TOO_SHORT))
      expect((await change(STORE_POLICY_ONLY)).status).toBe(200)
    })
  },
})
