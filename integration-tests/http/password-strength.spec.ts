import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { createAdminAndSignIn } from "./utils/admin"
import { failure } from "./utils/credentials"
import { createCustomer, createRegisteredCustomer } from "./utils/customers"
import { afterSubscribers, emailsTo } from "./utils/notifications"
import { createPublishableKeyHeader } from "./utils/store"
import { STORE_PASSWORD, storeClient, tokenFrom } from "./utils/store-session"

jest.setTimeout(180 * 1000)

/** Meets the default policy (length, capital, digit, special) yet zxcvbn scores it 1. */
const GUESSABLE = "Password1!"
const NAMES = { first_name: "Sam", last_name: "Shopper" }

/** Scores 4. */
const STRONG = "Xk9#mQ2v!Lp7$wR4"

/**
 * Issue 14 #6: a store may require a minimum zxcvbn score, and the server
 * refuses a weaker password (400, a clear message) on every path that sets
 * one: registration (plugin and core), reset, activation, the customer's own
 * change and the admin's manual entry.
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

    const admin = {
      post: (path: string, body: unknown) =>
        api.post(path, body, { headers: adminHeaders }).catch(failure),
    }

    const requireStrong = async () => {
      const saved = await admin.post("/admin/credential-settings", {
        allow_manual_entry: true,
        password_policy: { min_strength: 3 },
      })
      expect(saved.status).toBe(200)
      expect(saved.data.credential_settings.password_policy.min_strength).toBe(
        3
      )
    }

    const tooWeak = (response: {
      status: number
      data: { message?: string }
    }) => {
      expect(response.status).toBe(400)
      expect(response.data.message).toMatch(
        /too easy to guess \(strength "acceptable", this store asks for at least "strong"\)/
      )
      expect(response.data.message).not.toContain(GUESSABLE)
      expect(response.data.message).toMatch(/^The password does not meet/)
    }

    it("has no minimum by default: a guessable password that meets the rules is taken", async () => {
      const config = (await store.get("/store/credentials/config")).data.config
      expect(config.password_policy.min_strength).toBe(0)
      expect(config.recommended_password_strength).toBe(3)
      const registered = await store.post("/store/credentials/register", {
        email: "easy@example.com",
        password: GUESSABLE,
        ...NAMES,
      })
      expect(registered.status).toBe(201)
    })

    it("takes 0 to 4 only", async () => {
      for (const min_strength of [-1, 5, 2.5, "3"]) {
        const response = await admin.post("/admin/credential-settings", {
          password_policy: { min_strength },
        })
        expect({ min_strength, status: response.status }).toEqual({
          min_strength,
          status: 400,
        })
      }
    })

    it("is in the store config for the storefront's form", async () => {
      await requireStrong()
      const config = (await store.get("/store/credentials/config")).data.config
      expect(config.password_policy.min_strength).toBe(3)
      expect(config.recommended_password_strength).toBe(3)
    })

    it("refuses a guessable password at registration (plugin and core routes)", async () => {
      await requireStrong()
      tooWeak(
        await store.post("/store/credentials/register", {
          email: "weak@example.com",
          password: GUESSABLE,
          ...NAMES,
        })
      )
      tooWeak(
        await store.post("/auth/customer/emailpass/register", {
          email: "weak-core@example.com",
          password: GUESSABLE,
        })
      )
      expect(
        (
          await store.post("/store/credentials/register", {
            email: "strong@example.com",
            password: STRONG,
            ...NAMES,
          })
        ).status
      ).toBe(201)
    })

    it("refuses it at reset, and the token stays usable", async () => {
      await createRegisteredCustomer(getContainer(), {
        email: "ann@example.com",
        password: STORE_PASSWORD,
      })
      await requireStrong()
      await afterSubscribers(getContainer(), "auth.password_reset", () =>
        store.post("/auth/customer/emailpass/reset-password", {
          identifier: "ann@example.com",
        })
      )
      const [email] = await emailsTo(getContainer(), "ann@example.com")
      const token = new URL(email.data!.reset_url as string).searchParams.get(
        "token"
      )!
      const update = (password: string) =>
        store.post("/auth/customer/emailpass/update", { password }, token)

      tooWeak(await update(GUESSABLE))
      expect((await update(STRONG)).status).toBe(200)
    })

    it("refuses it at activation", async () => {
      const customer = await createCustomer(getContainer(), {
        email: "activate@example.com",
      })
      await requireStrong()
      await admin.post(
        `/admin/customers/${customer.id}/credentials/send-activation`,
        {}
      )
      const [email] = await emailsTo(getContainer(), "activate@example.com")
      const token = new URL(
        email.data!.activation_url as string
      ).searchParams.get("token")!

      tooWeak(
        await store.post("/store/credentials/activate", {
          token,
          password: GUESSABLE,
        })
      )
      const activated = await store.post("/store/credentials/activate", {
        token,
        password: STRONG,
      })
      expect(activated.status).toBeLessThan(300)
    })

    it("refuses it for the customer's own change", async () => {
      await createRegisteredCustomer(getContainer(), {
        email: "own@example.com",
        password: STORE_PASSWORD,
      })
      await requireStrong()
      const session = tokenFrom(
        await store.post("/store/credentials/login", {
          identifier: "own@example.com",
          password: STORE_PASSWORD,
        })
      )
      const change = (new_password: string) =>
        store.post(
          "/store/customers/me/password",
          { current_password: STORE_PASSWORD, new_password },
          session
        )
      tooWeak(await change(GUESSABLE))
      expect((await change(STRONG)).status).toBe(200)
    })

    it("refuses it for the admin's manual entry; generated passwords pass", async () => {
      const customer = await createRegisteredCustomer(getContainer(), {
        email: "desk@example.com",
        password: STORE_PASSWORD,
      })
      await requireStrong()
      const enter = (password: string) =>
        admin.post(`/admin/customers/${customer.id}/credentials/password`, {
          password,
          confirm_password: password,
        })
      tooWeak(await enter(GUESSABLE))
      expect((await enter(STRONG)).status).toBe(200)

      await admin.post("/admin/credential-settings", {
        password_policy: { min_strength: 4 },
      })
      const generated = await admin.post(
        `/admin/customers/${customer.id}/credentials/generate`,
        {}
      )
      expect(generated.status).toBeLessThan(300)
    })
  },
})
