import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { createAdminAndSignIn } from "./utils/admin"
import { credentialsService } from "./utils/credentials"
import { createRegisteredCustomer } from "./utils/customers"
import {
  afterOutboxQuiet,
  afterSubscribers,
  emailsTo,
} from "./utils/notifications"
import { createPublishableKeyHeader } from "./utils/store"
import { STORE_PASSWORD, storeClient } from "./utils/store-session"

jest.setTimeout(180 * 1000)

const NEW_PASSWORD = "Chosen-Passw0rd!"

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
      customerId = (
        await createRegisteredCustomer(getContainer(), {
          email: "ann@example.com",
          password: STORE_PASSWORD,
          first_name: "Ann",
        })
      ).id
    })

    const forgot = (identifier: string) =>
      store.post("/auth/customer/emailpass/reset-password", { identifier })

    const resetToken = async () => {
      await afterSubscribers(getContainer(), "auth.password_reset", () =>
        forgot("ann@example.com")
      )
      const emails = await emailsTo(getContainer(), "ann@example.com")
      const url = emails[emails.length - 1].data!.reset_url as string
      return new URL(url).searchParams.get("token")!
    }

    const update = (token: string, password: string) =>
      store.post("/auth/customer/emailpass/update", { password }, token)

    const signIn = (password: string) =>
      store.post("/store/credentials/login", {
        identifier: "ann@example.com",
        password,
      })

    describe("forgot password (core's route, the plugin's email)", () => {
      it("emails the login's reset link whatever the letter case of the email typed, and the link sets the password", async () => {
        const answer = await afterSubscribers(
          getContainer(),
          "auth.password_reset",
          () => forgot("Ann@EXAMPLE.com")
        )
        expect(answer.status).toBe(201)
        const emails = await emailsTo(getContainer(), "ann@example.com")
        expect(emails).toHaveLength(1)
        const token = new URL(
          emails[0].data!.reset_url as string
        ).searchParams.get("token")!

        expect((await update(token, NEW_PASSWORD)).status).toBe(200)
        expect((await signIn(NEW_PASSWORD)).status).toBe(200)
      })

      it("answers a known and an unknown email identically, and emails only the known one", async () => {
        const known = await afterSubscribers(
          getContainer(),
          "auth.password_reset",
          () => forgot("ann@example.com")
        )
        const unknown = await forgot("nobody@example.com")
        // The route answers before it issues a token: let that work finish.
        await afterOutboxQuiet(getContainer())

        expect(known.status).toBe(201)
        expect(unknown.status).toBe(known.status)
        expect(unknown.data).toEqual(known.data)
        expect(await emailsTo(getContainer(), "ann@example.com")).toHaveLength(
          1
        )
        expect(
          await emailsTo(getContainer(), "nobody@example.com")
        ).toHaveLength(0)
      })

      it("is rate limited per email", async () => {
        const statuses: number[] = []
        for (let i = 0; i < 6; i++) {
          statuses.push((await forgot("spam@example.com")).status)
        }
        expect(statuses).toEqual([201, 201, 201, 201, 201, 429])
      })
    })

    describe("reset (core's update route, with the plugin's policy)", () => {
      it("refuses a weak password with the policy message and keeps the token usable", async () => {
        const token = await resetToken()

        const weak = await update(token, "weak")
        expect(weak.status).toBe(400)
        expect(weak.data.message).toContain("must contain a capital letter")

        const strong = await afterSubscribers(
          getContainer(),
          "customer_credentials.password_changed",
          () => update(token, NEW_PASSWORD)
        )
        expect(strong.status).toBe(200)
        expect((await signIn(NEW_PASSWORD)).status).toBe(200)
        expect((await signIn(STORE_PASSWORD)).status).toBe(401)

        const templates = (
          await emailsTo(getContainer(), "ann@example.com")
        ).map((e) => e.template)
        expect(templates).toEqual([
          "customer-password-reset",
          "customer-password-changed",
        ])
      })

      it("works once: the second use of a token fails", async () => {
        const token = await resetToken()
        expect((await update(token, NEW_PASSWORD)).status).toBe(200)
        const second = await update(token, "Other-Passw0rd!")
        expect(second.status).toBe(401)
        expect((await signIn(NEW_PASSWORD)).status).toBe(200)
      })

      it("is void once the admin sets a password, generates one (alone or in bulk), or the customer changes it", async () => {
        // The admin types a password: the link emailed before no longer works.
        const beforeTyped = await resetToken()
        await api.post(
          "/admin/credential-settings",
          { allow_manual_entry: true },
          { headers: adminHeaders }
        )
        const typed = await api.post(
          `/admin/customers/${customerId}/credentials/password`,
          { password: NEW_PASSWORD, confirm_password: NEW_PASSWORD },
          { headers: adminHeaders }
        )
        expect(typed.status).toBe(200)
        expect((await update(beforeTyped, "Stranger-Passw0rd!")).status).toBe(
          401
        )
        expect((await signIn(NEW_PASSWORD)).status).toBe(200)

        // The customer changes it: the same.
        const beforeOwn = await resetToken()
        const session = (await signIn(NEW_PASSWORD)).data.token as string
        const own = await store.post(
          "/store/customers/me/password",
          {
            current_password: NEW_PASSWORD,
            new_password: "Own-Choice-Passw0rd!",
          },
          session
        )
        expect(own.status).toBe(200)
        expect((await update(beforeOwn, "Stranger-Passw0rd!")).status).toBe(401)
        expect((await signIn("Own-Choice-Passw0rd!")).status).toBe(200)

        // The admin generates one: the same.
        const beforeGenerated = await resetToken()
        const generated = await api.post(
          `/admin/customers/${customerId}/credentials/generate`,
          {},
          { headers: adminHeaders }
        )
        expect(generated.status).toBe(200)
        expect(
          (await update(beforeGenerated, "Stranger-Passw0rd!")).status
        ).toBe(401)
        expect((await signIn("Stranger-Passw0rd!")).status).toBe(401)

        // Bulk onboarding generates one: the same.
        const beforeBulk = await resetToken()
        const started = await api.post(
          "/admin/credentials/bulk",
          { action: "generate_credentials", customer_ids: [customerId] },
          { headers: adminHeaders }
        )
        expect(started.status).toBe(202)
        let job = started.data.job
        for (
          let i = 0;
          i < 300 && !["completed", "failed"].includes(job.status);
          i++
        ) {
          await new Promise((resolve) => setTimeout(resolve, 100))
          job = (
            await api.get(`/admin/credentials/bulk/${job.id}`, {
              headers: adminHeaders,
            })
          ).data.job
        }
        expect(job).toEqual(
          expect.objectContaining({ status: "completed", succeeded: 1 })
        )
        expect((await update(beforeBulk, "Stranger-Passw0rd!")).status).toBe(
          401
        )
      })

      it("ends a temporary password and a lock", async () => {
        await api.post(
          "/admin/credential-settings",
          { allow_manual_entry: true },
          { headers: adminHeaders }
        )
        await api.post(
          `/admin/customers/${customerId}/credentials/password`,
          {
            password: "Temp-Passw0rd!",
            confirm_password: "Temp-Passw0rd!",
            temporary: true,
          },
          { headers: adminHeaders }
        )
        const failures: number[] = []
        for (let i = 0; i < 5; i++) {
          failures.push((await signIn(`Wrong-${i}-Passw0rd!`)).status)
        }
        expect(failures).toEqual([401, 401, 401, 401, 401])
        // Locked: even the right (temporary) password is refused.
        const locked = await signIn("Temp-Passw0rd!")
        expect(locked.status).toBe(429)
        expect(locked.data.code).toBe("too_many_attempts")
        const state = async () =>
          (
            await api.get(`/admin/customers/${customerId}/credentials`, {
              headers: adminHeaders,
            })
          ).data.credentials
        expect(await state()).toEqual(
          expect.objectContaining({
            must_change_password: true,
            failed_login_count: 5,
            locked_until: expect.any(String),
          })
        )
        expect(
          new Date((await state()).locked_until).getTime()
        ).toBeGreaterThan(Date.now())

        const token = await resetToken()
        expect((await update(token, NEW_PASSWORD)).status).toBe(200)

        expect(await state()).toEqual(
          expect.objectContaining({
            must_change_password: false,
            failed_login_count: 0,
            locked_until: null,
          })
        )
        const login = await signIn(NEW_PASSWORD)
        expect(login.status).toBe(200)
        expect(login.data.must_change_password).toBe(false)
        const events = await credentialsService(
          getContainer()
        ).listCredentialEvents({
          customer_id: customerId,
          action: "password_reset",
        })
        expect(events).toHaveLength(1)
      })
    })

    const sessionToken = async () =>
      (await signIn(STORE_PASSWORD)).data.token as string

    describe("POST /store/customers/me/password", () => {
      it("changes the password and emails the customer", async () => {
        const session = await sessionToken()
        const response = await afterSubscribers(
          getContainer(),
          "customer_credentials.password_changed",
          () =>
            store.post(
              "/store/customers/me/password",
              { current_password: STORE_PASSWORD, new_password: NEW_PASSWORD },
              session
            )
        )

        expect(response.status).toBe(200)
        expect((await signIn(NEW_PASSWORD)).status).toBe(200)
        const [email] = await emailsTo(getContainer(), "ann@example.com")
        expect(email.template).toBe("customer-password-changed")
        expect(JSON.stringify(email)).not.toContain(NEW_PASSWORD)
      })

      it("refuses a wrong current password, a weak new one, and no session", async () => {
        const session = await sessionToken()
        const wrong = await store.post(
          "/store/customers/me/password",
          { current_password: "Wrong-Passw0rd!", new_password: NEW_PASSWORD },
          session
        )
        const weak = await store.post(
          "/store/customers/me/password",
          { current_password: STORE_PASSWORD, new_password: "weak" },
          session
        )
        const anonymous = await store.post("/store/customers/me/password", {
          current_password: STORE_PASSWORD,
          new_password: NEW_PASSWORD,
        })

        expect(wrong.status).toBe(400)
        expect(wrong.data.message).toMatch(/current password is not correct/)
        expect(weak.status).toBe(400)
        expect(weak.data.message).toMatch(/password policy/)
        expect(anonymous.status).toBe(401)
        expect((await signIn(STORE_PASSWORD)).status).toBe(200)
      })

      it("leaves the login's state as it was when a change is refused, but for the failure a wrong current password counts", async () => {
        const session = await sessionToken()
        const before = await api.get(
          `/admin/customers/${customerId}/credentials`,
          { headers: adminHeaders }
        )
        expect(before.data.credentials.last_login_at).not.toBeNull()

        const weak = await store.post(
          "/store/customers/me/password",
          { current_password: STORE_PASSWORD, new_password: "weak" },
          session
        )
        expect(weak.status).toBe(400)
        // The refused workflow rolls back its own steps only: the row the
        // sign-in made (its date, counters) is not treated as one it created.
        const afterWeak = await api.get(
          `/admin/customers/${customerId}/credentials`,
          { headers: adminHeaders }
        )
        expect(afterWeak.data.credentials).toEqual(before.data.credentials)

        const wrong = await store.post(
          "/store/customers/me/password",
          { current_password: "Wrong-Passw0rd!", new_password: NEW_PASSWORD },
          session
        )
        expect(wrong.status).toBe(400)

        // A wrong current password is a failed sign-in of the login
        // (gates-verification-and-current-password.spec.ts has the lock).
        const after = await api.get(
          `/admin/customers/${customerId}/credentials`,
          { headers: adminHeaders }
        )
        expect(after.data.credentials).toEqual({
          ...before.data.credentials,
          failed_login_count: 1,
        })
      })

      it("is refused with 403 when the store does not let customers change passwords", async () => {
        await api.post(
          "/admin/credential-settings",
          { customers_can_change_password: false },
          { headers: adminHeaders }
        )
        const response = await store.post(
          "/store/customers/me/password",
          { current_password: STORE_PASSWORD, new_password: NEW_PASSWORD },
          await sessionToken()
        )
        expect(response.status).toBe(403)
        expect(response.data.message).toMatch(/does not let customers change/)
      })
    })

    describe("force login", () => {
      it("refuses to complete a cart without a session, and lets a signed-in customer through", async () => {
        const session = await sessionToken()
        // What core answers for this cart when the plugin does not step in.
        const stock = await store.post(
          "/store/carts/cart_123/complete",
          {},
          session
        )
        await api.post(
          "/admin/credential-settings",
          { force_login: true },
          { headers: adminHeaders }
        )

        const anonymous = await store.post("/store/carts/cart_123/complete", {})
        expect(anonymous.status).toBe(401)
        expect(anonymous.data).toEqual({
          type: "unauthorized",
          code: "sign_in_required",
          message: "Please sign in to place your order.",
        })

        const signedIn = await store.post(
          "/store/carts/cart_123/complete",
          {},
          session
        )
        // Past the gate, core answers exactly as it does without the plugin.
        expect(signedIn.status).toBe(stock.status)
        expect(signedIn.data).toEqual(stock.data)
        expect(signedIn.status).not.toBe(401)
      })

      it("lets anyone complete a cart when force login is off", async () => {
        const anonymous = await store.post("/store/carts/cart_123/complete", {})
        expect(anonymous.data.code).not.toBe("sign_in_required")
      })
    })
  },
})
