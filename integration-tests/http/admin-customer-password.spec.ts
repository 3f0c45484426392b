import { Modules } from "@medusajs/framework/utils"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import type { AxiosInstance, AxiosResponse } from "axios"
import { createAdminAndSignIn } from "./utils/admin"
import { credentialsService, failure } from "./utils/credentials"
import { createCustomer, createRegisteredCustomer } from "./utils/customers"
import { afterSubscribers, emailsTo } from "./utils/notifications"
import { createPublishableKeyHeader } from "./utils/store"

jest.setTimeout(120 * 1000)

const STRONG = "Str0ng&Secret!"

const signIn = (api: AxiosInstance, email: string, password: string) =>
  api.post("/auth/customer/emailpass", { email, password }).catch(failure)

medusaIntegrationTestRunner({
  inApp: true,
  env: {},
  testSuite: ({ api, getContainer }) => {
    let headers: Record<string, string>

    beforeEach(async () => {
      ;({ headers } = await createAdminAndSignIn(getContainer(), api))
    })

    const allowManualEntry = (extra: Record<string, unknown> = {}) =>
      api.post(
        "/admin/credential-settings",
        { allow_manual_entry: true, ...extra },
        { headers }
      )

    describe("POST /admin/customers/:id/credentials/password", () => {
      it("is refused with 403 while Allow Manual Entry is off, and nothing changes", async () => {
        const customer = await createRegisteredCustomer(getContainer(), {
          email: "old@example.com",
          password: "Old-Passw0rd!",
        })

        const response = await api
          .post(
            `/admin/customers/${customer.id}/credentials/password`,
            { password: STRONG, confirm_password: STRONG },
            { headers }
          )
          .catch(failure)

        expect(response.status).toBe(403)
        expect(response.data.message).toMatch(/Allow Manual Entry/)
        expect(
          (await signIn(api, "old@example.com", "Old-Passw0rd!")).status
        ).toBe(200)
        expect((await signIn(api, "old@example.com", STRONG)).status).toBe(401)
      })

      it("refuses a weak password with every unmet rule named", async () => {
        await allowManualEntry()
        const customer = await createCustomer(getContainer(), {
          email: "weak@example.com",
        })

        const response = await api
          .post(
            `/admin/customers/${customer.id}/credentials/password`,
            { password: "short", confirm_password: "short" },
            { headers }
          )
          .catch(failure)

        expect(response.status).toBe(400)
        expect(response.data.message).toContain("at least 8 characters")
        expect(response.data.message).toContain("must contain a capital letter")
        expect(response.data.message).toContain("must contain a digit")
        expect(response.data.message).toContain(
          "must contain a special character"
        )
        expect((await signIn(api, "weak@example.com", "short")).status).toBe(
          401
        )
      })

      it("refuses a confirmation that differs", async () => {
        await allowManualEntry()
        const customer = await createCustomer(getContainer(), {
          email: "typo@example.com",
        })

        const response = await api
          .post(
            `/admin/customers/${customer.id}/credentials/password`,
            { password: STRONG, confirm_password: `${STRONG}x` },
            { headers }
          )
          .catch(failure)

        expect(response.status).toBe(400)
        expect(response.data.message).toMatch(/confirmation differ/)
      })

      it("creates a login for a customer without one; the stock sign-in works with it", async () => {
        await allowManualEntry()
        const customer = await createCustomer(getContainer(), {
          email: "new@example.com",
          first_name: "Nina",
        })

        const response = await afterSubscribers<AxiosResponse>(
          getContainer(),
          "customer_credentials.password_changed",
          () =>
            api.post(
              `/admin/customers/${customer.id}/credentials/password`,
              // The admin vouches for the email: the login signs in at once
              // (without it, it waits for the confirmation link:
              // gates-email-confirmed.spec.ts).
              {
                password: STRONG,
                confirm_password: STRONG,
                email_confirmed: true,
              },
              { headers }
            )
        )

        expect(response.status).toBe(200)
        expect(response.data.credentials).toEqual(
          expect.objectContaining({
            is_registered: true,
            must_change_password: false,
            temporary_password_expires_at: null,
            last_password_change_at: expect.any(String),
            registered_at: expect.any(String),
          })
        )
        expect(JSON.stringify(response.data)).not.toContain(STRONG)

        const login = await signIn(api, "new@example.com", STRONG)
        expect(login.status).toBe(200)
        const me = await api.get("/store/customers/me", {
          headers: {
            ...(await createPublishableKeyHeader(getContainer())),
            authorization: `Bearer ${login.data.token}`,
          },
        })
        expect(me.data.customer.id).toBe(customer.id)

        const emails = await emailsTo(getContainer(), "new@example.com")
        expect(emails).toHaveLength(1)
        expect(emails[0].template).toBe("customer-password-changed")
        expect(JSON.stringify(emails[0])).not.toContain(STRONG)
      })

      it("replaces an existing password: the old one stops working", async () => {
        await allowManualEntry()
        const customer = await createRegisteredCustomer(getContainer(), {
          email: "change@example.com",
          password: "Old-Passw0rd!",
        })

        await api.post(
          `/admin/customers/${customer.id}/credentials/password`,
          { password: STRONG, confirm_password: STRONG },
          { headers }
        )

        expect((await signIn(api, "change@example.com", STRONG)).status).toBe(
          200
        )
        expect(
          (await signIn(api, "change@example.com", "Old-Passw0rd!")).status
        ).toBe(401)
      })

      it("records a temporary password with the ticket expiry", async () => {
        await allowManualEntry({ password_ticket_expiration_minutes: 30 })
        const customer = await createCustomer(getContainer(), {
          email: "temp@example.com",
        })

        const before = Date.now()
        const response = await api.post(
          `/admin/customers/${customer.id}/credentials/password`,
          { password: STRONG, confirm_password: STRONG, temporary: true },
          { headers }
        )
        const after = Date.now()

        const { credentials } = response.data
        expect(credentials.must_change_password).toBe(true)
        const expiresAt = new Date(
          credentials.temporary_password_expires_at
        ).getTime()
        expect(expiresAt).toBeGreaterThanOrEqual(before + 30 * 60_000 - 1000)
        expect(expiresAt).toBeLessThanOrEqual(after + 30 * 60_000 + 1000)
      })

      it("makes every manual password temporary when the ticket delay is above 0", async () => {
        await allowManualEntry({ password_ticket_expiration_minutes: 5 })
        const customer = await createCustomer(getContainer(), {
          email: "ticket@example.com",
        })

        const response = await api.post(
          `/admin/customers/${customer.id}/credentials/password`,
          { password: STRONG, confirm_password: STRONG },
          { headers }
        )

        expect(response.data.credentials.must_change_password).toBe(true)
        expect(
          response.data.credentials.temporary_password_expires_at
        ).not.toBeNull()
      })

      it("marks a temporary password with no expiry when the ticket delay is 0", async () => {
        await allowManualEntry({ password_ticket_expiration_minutes: 0 })
        const customer = await createCustomer(getContainer(), {
          email: "noexpiry@example.com",
        })

        const response = await api.post(
          `/admin/customers/${customer.id}/credentials/password`,
          { password: STRONG, confirm_password: STRONG, temporary: true },
          { headers }
        )

        expect(response.data.credentials.must_change_password).toBe(true)
        expect(
          response.data.credentials.temporary_password_expires_at
        ).toBeNull()
      })

      it("refuses to take over a login that belongs to another customer", async () => {
        await allowManualEntry()
        const container = getContainer()
        await createRegisteredCustomer(container, {
          email: "shared@example.com",
          password: "Owner-Passw0rd!",
        })
        const guest = await createCustomer(container, {
          email: "shared@example.com",
        })

        const response = await api
          .post(
            `/admin/customers/${guest.id}/credentials/password`,
            { password: STRONG, confirm_password: STRONG },
            { headers }
          )
          .catch(failure)

        expect(response.status).toBe(422)
        expect(response.data.message).toMatch(/another customer account/)
        expect(
          (await signIn(api, "shared@example.com", "Owner-Passw0rd!")).status
        ).toBe(200)
      })

      it("audits the change without the password", async () => {
        await allowManualEntry()
        const customer = await createCustomer(getContainer(), {
          email: "audit@example.com",
        })
        await api.post(
          `/admin/customers/${customer.id}/credentials/password`,
          { password: STRONG, confirm_password: STRONG, temporary: true },
          { headers }
        )

        const events = await credentialsService(
          getContainer()
        ).listCredentialEvents({
          customer_id: customer.id,
        })
        expect(events).toEqual([
          expect.objectContaining({
            action: "password_set",
            actor_type: "user",
            // A new login the admin did not vouch for: the confirmation
            // link went out with it.
            metadata: {
              temporary: true,
              created_login: true,
              email_confirmed: false,
              link_sent: true,
            },
          }),
        ])
        expect(JSON.stringify(events)).not.toContain(STRONG)
      })

      it.each([
        [{}, /password/],
        [{ password: STRONG }, /confirm_password/],
        [{ password: 42, confirm_password: 42 }, /password/],
        [
          { password: "x".repeat(300), confirm_password: "x".repeat(300) },
          /password/,
        ],
        [
          { password: STRONG, confirm_password: STRONG, temporary: "yes" },
          /temporary/,
        ],
      ])("refuses the body %j with 400", async (body, message) => {
        await allowManualEntry()
        const customer = await createCustomer(getContainer(), {
          email: "bad@example.com",
        })
        const response = await api
          .post(`/admin/customers/${customer.id}/credentials/password`, body, {
            headers,
          })
          .catch(failure)

        expect(response.status).toBe(400)
        expect(response.data.message).toMatch(message)
      })

      it("answers 404 for an unknown customer", async () => {
        await allowManualEntry()
        const response = await api
          .post(
            `/admin/customers/cus_missing/credentials/password`,
            { password: STRONG, confirm_password: STRONG },
            { headers }
          )
          .catch(failure)
        expect(response.status).toBe(404)
      })
    })

    describe("POST /admin/customers/:id/credentials/generate", () => {
      const passwordFrom = (text: string) =>
        /Temporary password: (\S+)/.exec(text)?.[1]

      it("creates a login, emails the password once, and the customer can sign in with it", async () => {
        const customer = await createCustomer(getContainer(), {
          email: "gen@example.com",
          first_name: "Gen",
        })

        const response = await api.post(
          `/admin/customers/${customer.id}/credentials/generate`,
          {},
          { headers }
        )

        expect(response.status).toBe(200)
        expect(response.data.credentials).toEqual(
          expect.objectContaining({
            is_registered: true,
            login_enabled: true,
            must_change_password: true,
            customer_number: expect.stringMatching(/^\d{6,}$/),
          })
        )

        const emails = await emailsTo(getContainer(), "gen@example.com")
        expect(emails).toHaveLength(1)
        expect(emails[0].template).toBe("customer-credentials-generated")
        const password = passwordFrom(emails[0].data!.text as string)!
        expect(password).toHaveLength(16)
        expect(JSON.stringify(response.data)).not.toContain(password)

        expect((await signIn(api, "gen@example.com", password)).status).toBe(
          200
        )

        const events = await credentialsService(
          getContainer()
        ).listCredentialEvents({
          customer_id: customer.id,
        })
        expect(
          events.map((e) => e.action).filter((a) => a !== "signed_in")
        ).toEqual(["credentials_generated"])
        expect(JSON.stringify(events)).not.toContain(password)
      })

      it("replaces an existing password and turns login back on", async () => {
        const customer = await createRegisteredCustomer(getContainer(), {
          email: "regen@example.com",
          password: "Old-Passw0rd!",
        })
        await api.post(
          `/admin/customers/${customer.id}/credentials`,
          { login_enabled: false },
          { headers }
        )

        const response = await api.post(
          `/admin/customers/${customer.id}/credentials/generate`,
          {},
          { headers }
        )

        expect(response.data.credentials.login_enabled).toBe(true)
        const [email] = await emailsTo(getContainer(), "regen@example.com")
        const password = passwordFrom(email.data!.text as string)!
        expect((await signIn(api, "regen@example.com", password)).status).toBe(
          200
        )
        expect(
          (await signIn(api, "regen@example.com", "Old-Passw0rd!")).status
        ).toBe(401)
      })

      it("keeps the customer number on a second generation", async () => {
        const customer = await createCustomer(getContainer(), {
          email: "twice@example.com",
        })
        const first = await api.post(
          `/admin/customers/${customer.id}/credentials/generate`,
          {},
          { headers }
        )
        const second = await api.post(
          `/admin/customers/${customer.id}/credentials/generate`,
          {},
          { headers }
        )
        expect(second.data.credentials.customer_number).toBe(
          first.data.credentials.customer_number
        )
      })

      it("rolls the password change back when the email cannot be sent", async () => {
        const container = getContainer()
        const customer = await createRegisteredCustomer(container, {
          email: "down@example.com",
          password: "Old-Passw0rd!",
        })
        const fresh = await createCustomer(container, {
          email: "fresh@example.com",
        })
        const notifications = container.resolve(Modules.NOTIFICATION)
        const outage = jest
          .spyOn(notifications, "createNotifications")
          .mockRejectedValue(new Error("SMTP unreachable"))

        try {
          const existing = await api
            .post(
              `/admin/customers/${customer.id}/credentials/generate`,
              {},
              { headers }
            )
            .catch(failure)
          const created = await api
            .post(
              `/admin/customers/${fresh.id}/credentials/generate`,
              {},
              { headers }
            )
            .catch(failure)

          expect(existing.status).toBe(500)
          expect(existing.data.message).toMatch(
            /could not be sent .*SMTP unreachable.*nothing was changed/
          )
          expect(created.status).toBe(500)
        } finally {
          outage.mockRestore()
        }

        expect(
          (await signIn(api, "down@example.com", "Old-Passw0rd!")).status
        ).toBe(200)
        const state = await api.get(
          `/admin/customers/${customer.id}/credentials`,
          { headers }
        )
        expect(state.data.credentials).toEqual(
          expect.objectContaining({
            must_change_password: false,
            last_password_change_at: null,
            customer_number: null,
          })
        )
        const freshState = await api.get(
          `/admin/customers/${fresh.id}/credentials`,
          { headers }
        )
        expect(freshState.data.credentials.is_registered).toBe(false)
        const logins = await container
          .resolve(Modules.AUTH)
          .listProviderIdentities({ entity_id: "fresh@example.com" })
        expect(logins).toHaveLength(0)
        const events = await credentialsService(container).listCredentialEvents(
          {
            customer_id: [customer.id, fresh.id],
            action: ["credentials_generated", "password_set"],
          }
        )
        expect(events).toHaveLength(0)
      })

      it("refuses a customer without an email, before writing anything", async () => {
        const customer = await getContainer()
          .resolve("customer")
          .createCustomers({ first_name: "No Email" })

        const response = await api
          .post(
            `/admin/customers/${customer.id}/credentials/generate`,
            {},
            { headers }
          )
          .catch(failure)

        expect(response.status).toBe(400)
        expect(response.data.message).toMatch(/no email address/)
        const rows = await credentialsService(
          getContainer()
        ).listCustomerCredentials({
          customer_id: customer.id,
        })
        expect(rows).toHaveLength(0)
      })
    })
  },
})
