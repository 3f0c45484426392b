import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { createAdminAndSignIn } from "./utils/admin"
import { credentialsService } from "./utils/credentials"
import { createRegisteredCustomer } from "./utils/customers"
import { createPublishableKeyHeader } from "./utils/store"
import { STORE_PASSWORD, storeClient } from "./utils/store-session"

jest.setTimeout(180 * 1000)

medusaIntegrationTestRunner({
  inApp: true,
  env: {},
  testSuite: ({ api, getContainer }) => {
    let store: ReturnType<typeof storeClient>
    let adminHeaders: Record<string, string>
    let customerId: string

    beforeEach(async () => {
      store = storeClient(api, await createPublishableKeyHeader(getContainer()))
      ;({ headers: adminHeaders } = await createAdminAndSignIn(
        getContainer(),
        api
      ))
      const customer = await createRegisteredCustomer(getContainer(), {
        email: "ann@example.com",
        password: STORE_PASSWORD,
        first_name: "Ann",
      })
      customerId = customer.id
    })

    const signIn = (identifier: string, password = STORE_PASSWORD) =>
      store.post("/store/credentials/login", { identifier, password })

    const admin = {
      post: (path: string, body: unknown) =>
        api.post(path, body, { headers: adminHeaders }),
      get: (path: string) => api.get(path, { headers: adminHeaders }),
    }

    describe("identifiers", () => {
      it("signs in with the email through the plugin and through Medusa's own route", async () => {
        const plugin = await signIn("ann@example.com")
        const stock = await store.post("/auth/customer/emailpass", {
          email: "ann@example.com",
          password: STORE_PASSWORD,
        })

        for (const response of [plugin, stock]) {
          expect(response.status).toBe(200)
          const me = await store.get("/store/customers/me", response.data.token)
          expect(me.data.customer.id).toBe(customerId)
        }
      })

      it("signs in whatever the letter case of the email, on both routes, as the same customer", async () => {
        // The registration keeps the email in lower case
        // (createRegisteredCustomer runs the plugin's registration); a
        // shopper's keyboard may capitalise it.
        for (const typed of ["Ann@Example.com", "ANN@EXAMPLE.COM"]) {
          const plugin = await signIn(typed)
          const stock = await store.post("/auth/customer/emailpass", {
            email: typed,
            password: STORE_PASSWORD,
          })
          for (const response of [plugin, stock]) {
            expect(response.status).toBe(200)
            const me = await store.get(
              "/store/customers/me",
              response.data.token
            )
            expect(me.data.customer.id).toBe(customerId)
          }
          expect((await signIn(typed, "Wrong-Passw0rd!")).data.code).toBe(
            "invalid_credentials"
          )
        }
      })

      it("signs in with the customer number", async () => {
        const generated = await admin.post(
          `/admin/customers/${customerId}/credentials/send-activation`,
          {}
        )
        const number = generated.data.credentials.customer_number

        const response = await signIn(number)

        expect(response.status).toBe(200)
        const me = await store.get("/store/customers/me", response.data.token)
        expect(me.data.customer.id).toBe(customerId)
      })

      it("answers a wrong password, an unknown email and an unknown number alike", async () => {
        const responses = [
          await signIn("ann@example.com", "Wrong-Passw0rd!"),
          await signIn("nobody@example.com"),
          await signIn("999999999"),
        ]
        for (const response of responses) {
          expect(response.status).toBe(401)
          expect(response.data).toEqual({
            type: "unauthorized",
            code: "invalid_credentials",
            message: "Invalid email or password",
          })
        }
      })

      it.each([
        [{ identifier: "ann@example.com" }, /password/],
        [{ password: STORE_PASSWORD }, /identifier/],
        [{ identifier: "", password: STORE_PASSWORD }, /identifier/],
        [{ identifier: ["a"], password: STORE_PASSWORD }, /identifier/],
        [
          {
            identifier: "ann@example.com",
            password: STORE_PASSWORD,
            remember: 1,
          },
          /remember/,
        ],
      ])("refuses %j with 400", async (body, message) => {
        const response = await store.post("/store/credentials/login", body)
        expect(response.status).toBe(400)
        expect(response.data.message).toMatch(message)
      })
    })

    describe("gates", () => {
      it("refuses a disabled login only once the password is right, and ends existing sessions", async () => {
        const session = await signIn("ann@example.com")
        await admin.post(`/admin/customers/${customerId}/credentials`, {
          login_enabled: false,
        })

        const wrong = await signIn("ann@example.com", "Wrong-Passw0rd!")
        const right = await signIn("ann@example.com")
        const stock = await store.post("/auth/customer/emailpass", {
          email: "ann@example.com",
          password: STORE_PASSWORD,
        })
        const me = await store.get("/store/customers/me", session.data.token)

        expect(wrong.data.code).toBe("invalid_credentials")
        expect(right.status).toBe(401)
        expect(right.data.code).toBe("login_disabled")
        expect(right.data.message).toMatch(/turned off/)
        expect(stock.status).toBe(401)
        expect(stock.data.code).toBe("login_disabled")
        expect(me.status).toBe(401)
      })

      it("lets a temporary password call only the change-password route until it is changed", async () => {
        await admin.post("/admin/credential-settings", {
          allow_manual_entry: true,
        })
        await admin.post(
          `/admin/customers/${customerId}/credentials/password`,
          {
            password: "Temp-Passw0rd!",
            confirm_password: "Temp-Passw0rd!",
            temporary: true,
          }
        )

        const login = await signIn("ann@example.com", "Temp-Passw0rd!")
        expect(login.status).toBe(200)
        expect(login.data.must_change_password).toBe(true)

        const blocked = await store.get("/store/customers/me", login.data.token)
        expect(blocked.status).toBe(403)
        expect(blocked.data.code).toBe("password_change_required")

        const changed = await store.post(
          "/store/customers/me/password",
          { current_password: "Temp-Passw0rd!", new_password: "Own-Passw0rd!" },
          login.data.token
        )
        expect(changed.status).toBe(200)

        // The change ends the temporary password's session and hands the
        // device that made it a new one.
        const me = await store.get("/store/customers/me", changed.data.token)
        expect(me.status).toBe(200)
        expect(
          (await store.get("/store/customers/me", login.data.token)).status
        ).toBe(401)
        expect(
          (await signIn("ann@example.com", "Own-Passw0rd!")).data
            .must_change_password
        ).toBe(false)
      })

      it("refuses an expired temporary password and says what to do", async () => {
        await admin.post("/admin/credential-settings", {
          allow_manual_entry: true,
          password_ticket_expiration_minutes: 1,
        })
        await admin.post(
          `/admin/customers/${customerId}/credentials/password`,
          {
            password: "Temp-Passw0rd!",
            confirm_password: "Temp-Passw0rd!",
          }
        )
        // Controlled clock: the ticket ran out a second ago.
        const service = credentialsService(getContainer())
        const [row] = await service.listCustomerCredentials({
          customer_id: customerId,
        })
        await service.updateCustomerCredentials({
          id: row.id,
          temporary_password_expires_at: new Date(Date.now() - 1000),
        })

        const response = await signIn("ann@example.com", "Temp-Passw0rd!")

        expect(response.status).toBe(401)
        expect(response.data.code).toBe("temporary_password_expired")
        expect(response.data.message).toMatch(/Forgot password/)
      })
    })

    describe("lockout", () => {
      it("locks the account after 5 failures while another customer still signs in, and lifts", async () => {
        await createRegisteredCustomer(getContainer(), {
          email: "bob@example.com",
          password: STORE_PASSWORD,
        })

        const failures = []
        for (let i = 0; i < 5; i++) {
          failures.push(
            (await signIn("ann@example.com", `Wrong-${i}-Passw0rd!`)).status
          )
        }
        expect(failures).toEqual([401, 401, 401, 401, 401])

        const locked = await signIn("ann@example.com")
        expect(locked.status).toBe(429)
        expect(locked.data.code).toBe("too_many_attempts")
        expect(Number(locked.headers["retry-after"])).toBeGreaterThan(0)
        expect((await signIn("bob@example.com")).status).toBe(200)

        const state = await admin.get(
          `/admin/customers/${customerId}/credentials`
        )
        expect(state.data.credentials.failed_login_count).toBe(5)
        expect(
          new Date(state.data.credentials.locked_until).getTime()
        ).toBeGreaterThan(Date.now())

        // Controlled clock: the lock window is over.
        const service = credentialsService(getContainer())
        const [row] = await service.listCustomerCredentials({
          customer_id: customerId,
        })
        await service.updateCustomerCredentials({
          id: row.id,
          locked_until: new Date(Date.now() - 1000),
        })
        const after = await signIn("ann@example.com")
        expect(after.status).toBe(200)

        const actions = (
          await service.listCredentialEvents(
            { customer_id: customerId },
            { order: { created_at: "ASC" } }
          )
        ).map((e) => e.action)
        expect(actions.filter((a) => a === "sign_in_failed")).toHaveLength(4)
        expect(actions).toContain("locked")
        expect(actions[actions.length - 1]).toBe("signed_in")
      })

      it("counts wrong passwords against one account whatever the letter case of the email", async () => {
        const typed = [
          "ann@example.com",
          "Ann@example.com",
          "ANN@EXAMPLE.COM",
          "aNn@Example.Com",
          "ann@EXAMPLE.com",
        ]
        for (const [i, email] of typed.entries()) {
          const wrong =
            i % 2
              ? await store.post("/auth/customer/emailpass", {
                  email,
                  password: `Wrong-${i}-Passw0rd!`,
                })
              : await signIn(email, `Wrong-${i}-Passw0rd!`)
          expect(wrong.status).toBe(401)
        }

        for (const email of ["ann@example.com", "ANN@example.com"]) {
          expect((await signIn(email)).status).toBe(429)
        }
        const state = await admin.get(
          `/admin/customers/${customerId}/credentials`
        )
        expect(state.data.credentials.failed_login_count).toBe(5)
      })

      it("lower-cases an email as every limiter does: a dotted capital I is another email, not a way to tell an account exists", async () => {
        // PostgreSQL's lower() makes 'İ' an 'i', JavaScript's an 'i' and a
        // combining dot: were the login found with the one and the failures
        // counted with the other, five wrong passwords typed with 'İ' would
        // lock an existing account and not an unknown email.
        await createRegisteredCustomer(getContainer(), {
          email: "iris@example.com",
          password: STORE_PASSWORD,
        })
        for (let i = 0; i < 5; i++) {
          expect(
            (await signIn("\u0130ris@example.com", `Wrong-${i}-Passw0rd!`))
              .status
          ).toBe(401)
        }
        expect((await signIn("iris@example.com")).status).toBe(200)
      })

      it("lets an admin lift the lock at once", async () => {
        for (let i = 0; i < 5; i++) {
          await signIn("ann@example.com", `Wrong-${i}-Passw0rd!`)
        }
        expect((await signIn("ann@example.com")).status).toBe(429)

        const unlocked = await admin.post(
          `/admin/customers/${customerId}/credentials/unlock`,
          {}
        )

        expect(unlocked.data.credentials).toEqual(
          expect.objectContaining({ failed_login_count: 0, locked_until: null })
        )
        expect((await signIn("ann@example.com")).status).toBe(200)
      })

      it("locks an unknown email the same way, so a lock tells nothing", async () => {
        for (let i = 0; i < 5; i++) {
          await signIn("ghost@example.com", `Wrong-${i}`)
        }
        const response = await signIn("ghost@example.com")
        expect(response.status).toBe(429)
        expect(response.data.code).toBe("too_many_attempts")
      })
    })

    describe("GET /store/credentials/config", () => {
      it("tells the storefront how to render sign-in", async () => {
        await admin.post("/admin/credential-settings", {
          force_login: true,
          password_policy: { min_length: 10 },
        })

        const response = await store.get("/store/credentials/config")

        expect(response.status).toBe(200)
        expect(response.data.config).toEqual({
          customer_accounts_enabled: true,
          sign_in_open: true,
          registration_open: true,
          password_reset_open: true,
          require_email_confirmation: true,
          customers_can_change_password: true,
          force_login: true,
          sign_in_identifiers: ["email", "customer_number"],
          password_policy: {
            min_length: 10,
            require_uppercase: true,
            require_digit: true,
            require_special: true,
            min_strength: 0,
          },
          recommended_password_strength: 3,
          sso: {
            enabled: false,
            only: false,
            button_label: null,
            start_url: null,
            auto_redirect: false,
            providers: [],
          },
        })
      })

      it("keeps password sign-in open when SSO is switched on but the store has no OpenID Connect provider", async () => {
        await admin.post("/admin/credential-settings", {
          sso_enabled: true,
          sso_only: true,
          force_login: true,
        })

        const config = await store.get("/store/credentials/config")
        const login = await signIn("ann@example.com")

        expect(config.data.config.sso).toEqual({
          enabled: false,
          only: false,
          button_label: null,
          start_url: null,
          auto_redirect: false,
          providers: [],
        })
        expect(config.data.config.registration_open).toBe(true)
        expect(login.status).toBe(200)
      })
    })
  },
})
