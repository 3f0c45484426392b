import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { createAdminAndSignIn } from "./utils/admin"
import { createRegisteredCustomer } from "./utils/customers"
import {
  afterOutboxQuiet,
  afterSubscribers,
  emailsTo,
} from "./utils/notifications"
import { createPublishableKeyHeader } from "./utils/store"
import { STORE_PASSWORD, storeClient, tokenFrom } from "./utils/store-session"

jest.setTimeout(180 * 1000)

const NEW_PASSWORD = "Chosen-Passw0rd!"

/**
 * Issue 14 #5: "Customer accounts" off closes sign-in as well as
 * registration; "Customers can register" closes registration only;
 * "Customers can reset their own password" off makes forgot-password send
 * nothing (same 201), while the admin's reset still works. The store config
 * tells a storefront what to hide.
 */
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

    const save = async (settings: Record<string, unknown>) => {
      const response = await api.post("/admin/credential-settings", settings, {
        headers: adminHeaders,
      })
      expect(response.status).toBe(200)
    }

    const config = async () =>
      (await store.get("/store/credentials/config")).data.config

    const signIn = () =>
      store.post("/store/credentials/login", {
        identifier: "ann@example.com",
        password: STORE_PASSWORD,
      })
    const coreSignIn = () =>
      store.post("/auth/customer/emailpass", {
        email: "ann@example.com",
        password: STORE_PASSWORD,
      })
    const register = (email: string) =>
      store.post("/store/credentials/register", {
        email,
        password: STORE_PASSWORD,
        first_name: "New",
        last_name: "Shopper",
      })
    const coreRegister = (email: string) =>
      store.post("/auth/customer/emailpass/register", {
        email,
        password: STORE_PASSWORD,
      })
    const forgot = (path = "/auth/customer/emailpass/reset-password") =>
      store.post(path, { identifier: "ann@example.com" })

    type Answer = { status: number; data: { code?: string; message?: string } }

    const refused = (response: Answer, code: string) => {
      expect({ status: response.status, code: response.data.code }).toEqual({
        status: 403,
        code,
      })
      expect(response.data.message).toEqual(expect.any(String))
    }

    it("by default: accounts, registration and self-service reset are open", async () => {
      expect(await config()).toEqual(
        expect.objectContaining({
          customer_accounts_enabled: true,
          sign_in_open: true,
          registration_open: true,
          password_reset_open: true,
        })
      )
      expect((await signIn()).status).toBe(200)
      expect((await register("new@example.com")).status).toBe(201)
    })

    describe('"Customer accounts" off', () => {
      it("closes sign-in on every route, token refresh and registration; config says so", async () => {
        const token = tokenFrom(await signIn())
        await save({ customer_accounts_enabled: false })

        expect(await config()).toEqual(
          expect.objectContaining({
            customer_accounts_enabled: false,
            sign_in_open: false,
            registration_open: false,
            password_reset_open: false,
          })
        )
        refused(await signIn(), "accounts_disabled")
        refused(await coreSignIn(), "accounts_disabled")
        // A session opened before acts no more while accounts are off.
        refused(
          await store.get("/store/customers/me", token),
          "accounts_disabled"
        )
        refused(
          await store.post("/auth/token/refresh", {}, token),
          "accounts_disabled"
        )
        expect((await register("new@example.com")).status).toBe(403)
        expect((await coreRegister("core@example.com")).status).toBe(403)

        // A wrong password learns nothing more than before.
        const wrong = await store.post("/store/credentials/login", {
          identifier: "ann@example.com",
          password: "Wrong-Passw0rd!",
        })
        expect(wrong.status).toBe(401)

        // Nor does forgot-password send anything.
        expect((await forgot()).status).toBe(201)
        await afterOutboxQuiet(getContainer())
        expect(await emailsTo(getContainer(), "ann@example.com")).toEqual([])

        await save({ customer_accounts_enabled: null })
        expect((await signIn()).status).toBe(200)
      })
    })

    describe('"Customers can register" off', () => {
      it("closes registration (plugin and core routes) and keeps sign-in open", async () => {
        await save({ registration_enabled: false })

        expect(await config()).toEqual(
          expect.objectContaining({
            customer_accounts_enabled: true,
            sign_in_open: true,
            registration_open: false,
            password_reset_open: true,
          })
        )
        const closed = await register("new@example.com")
        expect(closed.status).toBe(403)
        expect(closed.data.message).toMatch(/does not take new registrations/)
        refused(await coreRegister("core@example.com"), "registration_disabled")
        expect((await signIn()).status).toBe(200)
        expect((await coreSignIn()).status).toBe(200)

        await save({ registration_enabled: true })
        expect((await register("new@example.com")).status).toBe(201)
      })
    })

    describe('"Customers can reset their own password" off', () => {
      it("answers forgot-password with the same 201 and sends nothing, on every spelling", async () => {
        const before = await forgot("/auth/customer/emailpass/reset-password")
        await afterOutboxQuiet(getContainer())
        expect(await emailsTo(getContainer(), "ann@example.com")).toHaveLength(
          1
        )

        await save({ customers_can_reset_password: false })
        expect(await config()).toEqual(
          expect.objectContaining({
            sign_in_open: true,
            registration_open: true,
            password_reset_open: false,
          })
        )
        for (const path of [
          "/auth/customer/emailpass/reset-password",
          "/auth/customer/emailpass/reset-password/",
        ]) {
          const answer = await forgot(path)
          expect({ path, status: answer.status, data: answer.data }).toEqual({
            path,
            status: before.status,
            data: before.data,
          })
        }
        await afterOutboxQuiet(getContainer())
        expect(await emailsTo(getContainer(), "ann@example.com")).toHaveLength(
          1
        )
        expect((await signIn()).status).toBe(200)
      })

      it("leaves the admin's reset working, link and all", async () => {
        await save({ customers_can_reset_password: false })

        const sent = await afterSubscribers<{ status: number }>(
          getContainer(),
          "auth.password_reset",
          () =>
            api.post(
              `/admin/customers/${customerId}/credentials/reset-password`,
              {},
              { headers: adminHeaders }
            )
        )
        expect(sent.status).toBe(202)
        const emails = await emailsTo(getContainer(), "ann@example.com")
        expect(emails).toHaveLength(1)
        const token = new URL(
          emails[0].data!.reset_url as string
        ).searchParams.get("token")!

        const updated = await afterSubscribers(
          getContainer(),
          "customer_credentials.password_changed",
          () =>
            store.post(
              "/auth/customer/emailpass/update",
              { password: NEW_PASSWORD },
              token
            )
        )
        expect(updated.status).toBe(200)
        expect(
          (
            await store.post("/store/credentials/login", {
              identifier: "ann@example.com",
              password: NEW_PASSWORD,
            })
          ).status
        ).toBe(200)
      })
    })
  },
})
