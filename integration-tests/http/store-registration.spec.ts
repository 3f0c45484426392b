import { Modules } from "@medusajs/framework/utils"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { createAdminAndSignIn } from "./utils/admin"
import { credentialsService } from "./utils/credentials"
import { createCustomer, createRegisteredCustomer } from "./utils/customers"
import {
  afterOutboxQuiet,
  afterSubscribers,
  emailsTo,
} from "./utils/notifications"
import { createPublishableKeyHeader } from "./utils/store"
import {
  activationTokenFrom,
  STORE_PASSWORD,
  storeClient,
} from "./utils/store-session"

jest.setTimeout(120 * 1000)

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

    const register = (body: Record<string, unknown>) =>
      afterSubscribers(getContainer(), "auth.verification_requested", () =>
        store.post("/store/credentials/register", body)
      )

    /** The registered customer of an email (the answers name none). */
    const customerIdOf = async (email: string) => {
      const [customer] = await getContainer()
        .resolve(Modules.CUSTOMER)
        .listCustomers({ email, has_account: true })
      return customer.id
    }

    const newShopper = {
      email: "shopper@example.com",
      password: STORE_PASSWORD,
      first_name: "Sam",
      last_name: "Shopper",
    }

    describe("register → email → activate → sign in", () => {
      it("works end to end, reading the link out of the notification", async () => {
        const registered = await register(newShopper)
        expect(registered.status).toBe(201)
        expect(registered.data).toEqual({
          email: "shopper@example.com",
          next_step: "confirm_email",
          message: expect.stringContaining("confirm your address"),
        })
        expect(JSON.stringify(registered.data)).not.toContain(STORE_PASSWORD)

        const early = await store.post("/store/credentials/login", {
          identifier: "shopper@example.com",
          password: STORE_PASSWORD,
        })
        expect(early.status).toBe(401)
        expect(early.data.code).toBe("email_not_confirmed")
        expect(early.data.message).toMatch(/Confirm your email address/)

        const [email] = await emailsTo(getContainer(), "shopper@example.com")
        expect(email.template).toBe("customer-account-activation")
        const token = activationTokenFrom(email.data!.text as string)

        const activated = await store.post("/store/credentials/activate", {
          token,
        })
        expect(activated.status).toBe(200)
        expect(activated.data).toEqual({
          activated: true,
          email: "shopper@example.com",
        })

        const again = await store.post("/store/credentials/activate", { token })
        expect(again.status).toBe(400)
        expect(again.data.message).toMatch(/invalid or was already used/)

        const login = await store.post("/store/credentials/login", {
          identifier: "shopper@example.com",
          password: STORE_PASSWORD,
        })
        expect(login.status).toBe(200)
        expect(login.data.must_change_password).toBe(false)
        const customerId = await customerIdOf("shopper@example.com")
        const me = await store.get("/store/customers/me", login.data.token)
        expect(me.data.customer).toEqual(
          expect.objectContaining({
            id: customerId,
            first_name: "Sam",
            last_name: "Shopper",
            has_account: true,
          })
        )

        const state = await api.get(
          `/admin/customers/${customerId}/credentials`,
          { headers: adminHeaders }
        )
        expect(state.data.credentials).toEqual(
          expect.objectContaining({
            is_registered: true,
            email_confirmed: true,
            registered_at: expect.any(String),
            last_login_at: expect.any(String),
          })
        )
      })

      it("signs in at once when the store does not require confirmation", async () => {
        await api.post(
          "/admin/credential-settings",
          { require_email_confirmation: false },
          { headers: adminHeaders }
        )

        const registered = await store.post(
          "/store/credentials/register",
          newShopper
        )

        expect(registered.data.next_step).toBe("sign_in")
        await afterOutboxQuiet(getContainer())
        expect(
          await emailsTo(getContainer(), "shopper@example.com")
        ).toHaveLength(0)
        const login = await store.post("/auth/customer/emailpass", {
          email: "shopper@example.com",
          password: STORE_PASSWORD,
        })
        expect(login.status).toBe(200)
      })
    })

    describe("guests and existing accounts", () => {
      it("turns a guest with earlier orders into the registered customer, keeping the history", async () => {
        const container = getContainer()
        const guest = await createCustomer(container, {
          email: "guest@example.com",
          first_name: "Old",
        })
        const order = await container.resolve(Modules.ORDER).createOrders({
          email: "guest@example.com",
          customer_id: guest.id,
          currency_code: "eur",
          items: [{ title: "Earlier purchase", quantity: 1, unit_price: 10 }],
        })

        // A guest's email gets an activation link, sent before the answer.
        const registered = await store.post("/store/credentials/register", {
          ...newShopper,
          email: "guest@example.com",
        })
        expect(registered.status).toBe(201)
        expect(await customerIdOf("guest@example.com")).toBe(guest.id)

        // The guest's email gets a link to choose the password: whoever
        // typed the email at registration proves nothing by it.
        const [email] = await emailsTo(container, "guest@example.com")
        const activated = await store.post("/store/credentials/activate", {
          token: activationTokenFrom(email.data!.text as string),
          password: STORE_PASSWORD,
        })
        expect(activated.status).toBe(200)
        const login = await store.post("/store/credentials/login", {
          identifier: "guest@example.com",
          password: STORE_PASSWORD,
        })
        const orders = await store.get("/store/orders", login.data.token)
        expect(orders.status).toBe(200)
        expect(orders.data.orders.map((o: { id: string }) => o.id)).toEqual([
          order.id,
        ])

        const customers = await container
          .resolve(Modules.CUSTOMER)
          .listCustomers({ email: "guest@example.com" })
        expect(customers).toHaveLength(1)
        // The guest's record as the merchant knew it.
        expect(customers[0]).toEqual(
          expect.objectContaining({ has_account: true, first_name: "Old" })
        )
      })

      it("answers a guest's email exactly as a new one on both routes: same status and fields, no guest id or creation time", async () => {
        const container = getContainer()
        const guests = await Promise.all(
          ["guest-plugin@example.com", "guest-stock@example.com"].map((email) =>
            createCustomer(container, { email, first_name: "Old" })
          )
        )
        // What would tell a stranger that the email ordered here, and when:
        // the guest's id, its ULID's time part and its timestamps.
        const secretsOf = (guest: (typeof guests)[number]) => [
          guest.id,
          guest.id.replace(/^cus_/, "").slice(0, 10),
          new Date(guest.created_at).toISOString(),
          new Date(guest.updated_at).toISOString(),
        ]
        const keysOf = (value: Record<string, unknown>) =>
          Object.keys(value).sort()

        // The plugin's route. A new email waits for its confirmation email;
        // a guest's sends the activation before the answer.
        const fresh = await register({
          ...newShopper,
          email: "fresh-plugin@example.com",
        })
        const guest = await store.post("/store/credentials/register", {
          ...newShopper,
          email: "guest-plugin@example.com",
        })

        // Core's POST /store/customers (sdk.auth.register, then
        // sdk.store.customer.create with its token).
        const stockCreate = async (email: string) => {
          const token = (
            await store.post("/auth/customer/emailpass/register", {
              email,
              password: STORE_PASSWORD,
            })
          ).data.token
          return store.post(
            "/store/customers",
            { email, first_name: "Sam", last_name: "Shopper" },
            token
          )
        }
        const freshStock = await afterSubscribers(
          container,
          "auth.verification_requested",
          () => stockCreate("fresh-stock@example.com")
        )
        const guestStock = await stockCreate("guest-stock@example.com")

        // Nothing of either guest, in any answer.
        const [pluginGuest, stockGuest] = guests
        const leaks = (
          [
            ["POST /store/credentials/register", guest, pluginGuest],
            ["POST /store/customers", guestStock, stockGuest],
          ] as const
        ).flatMap(([route, answer, guestRecord]) =>
          secretsOf(guestRecord)
            .filter((secret) => JSON.stringify(answer.data).includes(secret))
            .map((secret) => `${route}: ${secret}`)
        )
        expect(leaks).toEqual([])

        expect(fresh.status).toBe(201)
        expect(guest.status).toBe(fresh.status)
        expect(keysOf(guest.data)).toEqual(keysOf(fresh.data))
        expect(freshStock.status).toBe(200)
        expect(guestStock.status).toBe(freshStock.status)
        expect(keysOf(guestStock.data)).toEqual(keysOf(freshStock.data))
        expect(keysOf(guestStock.data.customer)).toEqual(
          keysOf(freshStock.data.customer)
        )
        expect(freshStock.data.customer).toEqual({
          email: "fresh-stock@example.com",
          company_name: null,
          first_name: "Sam",
          last_name: "Shopper",
          phone: null,
          metadata: null,
          has_account: true,
        })

        // The guests did become the accounts (their owners get the links).
        expect(await customerIdOf("guest-plugin@example.com")).toBe(
          pluginGuest.id
        )
        expect(await customerIdOf("guest-stock@example.com")).toBe(
          stockGuest.id
        )
      })

      it("has a guest an admin had marked confirmed prove the email with the link too", async () => {
        const guest = await createCustomer(getContainer(), {
          email: "marked@example.com",
        })
        const marked = await api.post(
          `/admin/customers/${guest.id}/credentials`,
          { email_confirmed: true },
          { headers: adminHeaders }
        )
        expect(marked.data.credentials.email_confirmed).toBe(true)

        expect(
          (
            await store.post("/store/credentials/register", {
              ...newShopper,
              email: "marked@example.com",
            })
          ).status
        ).toBe(201)
        const early = await store.post("/store/credentials/login", {
          identifier: "marked@example.com",
          password: STORE_PASSWORD,
        })
        // The registrant's password is not kept for a guest's account.
        expect(early.status).toBe(401)
        expect(early.data.code).toBe("invalid_credentials")

        const [email] = await emailsTo(getContainer(), "marked@example.com")
        await store.post("/store/credentials/activate", {
          token: activationTokenFrom(email.data!.text as string),
          password: STORE_PASSWORD,
        })
        const login = await store.post("/store/credentials/login", {
          identifier: "marked@example.com",
          password: STORE_PASSWORD,
        })
        expect(login.status).toBe(200)
      })

      it("answers 409 with instructions for an email that has an account, and changes nothing", async () => {
        await createRegisteredCustomer(getContainer(), {
          email: "taken@example.com",
          password: "Owner-Passw0rd!",
          first_name: "Owner",
        })

        const response = await store.post("/store/credentials/register", {
          ...newShopper,
          email: "taken@example.com",
        })

        expect(response.status).toBe(409)
        expect(response.data.message).toMatch(
          /already exists.*Sign in.*Forgot password/
        )
        const login = await store.post("/auth/customer/emailpass", {
          email: "taken@example.com",
          password: "Owner-Passw0rd!",
        })
        expect(login.status).toBe(200)
        const customers = await getContainer()
          .resolve(Modules.CUSTOMER)
          .listCustomers({ email: "taken@example.com" })
        expect(customers).toHaveLength(1)
        expect(customers[0].first_name).toBe("Owner")
      })

      it("creates exactly one account for 20 simultaneous registrations of one email", async () => {
        const responses = await Promise.all(
          Array.from({ length: 20 }, () =>
            store.post("/store/credentials/register", newShopper)
          )
        )

        const statuses = responses.map((r) => r.status).sort()
        expect(statuses.filter((s) => s === 201)).toHaveLength(1)
        expect(statuses.filter((s) => s === 409)).toHaveLength(19)
        const customers = await getContainer()
          .resolve(Modules.CUSTOMER)
          .listCustomers({ email: "shopper@example.com" })
        expect(customers).toHaveLength(1)
        const logins = await getContainer()
          .resolve(Modules.AUTH)
          .listProviderIdentities({ entity_id: "shopper@example.com" })
        expect(logins).toHaveLength(1)
      })
    })

    describe("bad input", () => {
      it("lists every unmet password rule", async () => {
        const response = await store.post("/store/credentials/register", {
          ...newShopper,
          password: "weakpass",
        })
        expect(response.status).toBe(400)
        expect(response.data.message).toContain("must contain a capital letter")
        expect(response.data.message).toContain("must contain a digit")
        expect(response.data.message).toContain(
          "must contain a special character"
        )
        expect(
          await getContainer()
            .resolve(Modules.CUSTOMER)
            .listCustomers({ email: "shopper@example.com" })
        ).toHaveLength(0)
      })

      it.each([
        [{ ...newShopper, email: "not-an-email" }, /email/],
        [{ ...newShopper, first_name: "" }, /first_name/],
        [{ email: "a@example.com", password: STORE_PASSWORD }, /first_name/],
        [{ ...newShopper, is_admin: true }, /is_admin/],
        [{ ...newShopper, password: 12345678 }, /password/],
      ])("refuses %j with 400", async (body, message) => {
        const response = await store.post("/store/credentials/register", body)
        expect(response.status).toBe(400)
        expect(response.data.message).toMatch(message)
      })

      it("refuses registration with 403 when the store offers no accounts", async () => {
        await api.post(
          "/admin/credential-settings",
          { customer_accounts_enabled: false },
          { headers: adminHeaders }
        )
        const response = await store.post(
          "/store/credentials/register",
          newShopper
        )
        expect(response.status).toBe(403)
        expect(response.data.message).toMatch(
          /does not offer customer accounts/
        )
      })

      it("refuses an unknown, and an expired, activation token", async () => {
        const unknown = await store.post("/store/credentials/activate", {
          token: "not-a-token",
        })
        expect(unknown.status).toBe(400)
        expect(unknown.data.message).toMatch(/invalid or was already used/)

        await register(newShopper)
        const [email] = await emailsTo(getContainer(), "shopper@example.com")
        const token = activationTokenFrom(email.data!.text as string)
        // Age the request past the 24-hour lifetime core gives verification codes.
        const auth = getContainer().resolve(Modules.AUTH) as unknown as {
          listAuthVerifications: (f: object) => Promise<{ id: string }[]>
          updateAuthVerifications: (d: object) => Promise<unknown>
        }
        const [record] = await auth.listAuthVerifications({
          entity_id: "shopper@example.com",
        })
        await auth.updateAuthVerifications({
          id: record.id,
          requested_at: new Date(Date.now() - 25 * 3600 * 1000),
        })

        const expired = await store.post("/store/credentials/activate", {
          token,
        })
        expect(expired.status).toBe(400)
        expect(expired.data.message).toMatch(/expired/)
      })
    })

    describe("Medusa's own registration (sdk.auth.register)", () => {
      it("applies the password policy and the accounts switch", async () => {
        const weak = await store.post("/auth/customer/emailpass/register", {
          email: "sdk@example.com",
          password: "weakpass",
        })
        expect(weak.status).toBe(400)
        expect(weak.data.message).toContain("must contain a capital letter")

        const strong = await store.post("/auth/customer/emailpass/register", {
          email: "sdk@example.com",
          password: STORE_PASSWORD,
        })
        expect(strong.status).toBe(200)
        expect(strong.data.token).toEqual(expect.any(String))

        await api.post(
          "/admin/credential-settings",
          { customer_accounts_enabled: false },
          { headers: adminHeaders }
        )
        const closed = await store.post("/auth/customer/emailpass/register", {
          email: "sdk2@example.com",
          password: STORE_PASSWORD,
        })
        expect(closed.status).toBe(403)
      })
    })

    describe("POST /store/credentials/resend-activation", () => {
      it("answers 202 for any email and sends a new link only to a pending account", async () => {
        await register(newShopper)

        const pending = await afterSubscribers(
          getContainer(),
          "auth.verification_requested",
          () =>
            store.post("/store/credentials/resend-activation", {
              email: "shopper@example.com",
            })
        )
        const unknown = await store.post(
          "/store/credentials/resend-activation",
          {
            email: "nobody@example.com",
          }
        )

        expect(pending.status).toBe(202)
        expect(unknown.status).toBe(202)
        expect(unknown.data).toEqual(pending.data)
        const emails = await emailsTo(getContainer(), "shopper@example.com")
        expect(emails).toHaveLength(2)
        const [first, second] = emails.map((e) =>
          activationTokenFrom(e.data!.text as string)
        )
        expect(
          (await store.post("/store/credentials/activate", { token: first }))
            .status
        ).toBe(400)
        expect(
          (await store.post("/store/credentials/activate", { token: second }))
            .status
        ).toBe(200)
        expect(
          await emailsTo(getContainer(), "nobody@example.com")
        ).toHaveLength(0)
      })

      it("is rate limited per email", async () => {
        const statuses: number[] = []
        for (let i = 0; i < 4; i++) {
          const response = await store.post(
            "/store/credentials/resend-activation",
            {
              email: "limited@example.com",
            }
          )
          statuses.push(response.status)
        }
        expect(statuses).toEqual([202, 202, 202, 429])
      })
    })

    it("audits the registration", async () => {
      const registered = await store.post(
        "/store/credentials/register",
        newShopper
      )
      const events = await credentialsService(
        getContainer()
      ).listCredentialEvents({
        customer_id: await customerIdOf(registered.data.email),
      })
      expect(events.map((e) => e.action)).toEqual(["registered"])
      expect(JSON.stringify(events)).not.toContain(STORE_PASSWORD)
    })
  },
})
