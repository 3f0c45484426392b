import { Modules } from "@medusajs/framework/utils"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import type { AxiosInstance, AxiosResponse } from "axios"
import { createAdminAndSignIn } from "./utils/admin"
import { credentialsService, failure } from "./utils/credentials"
import { createCustomer, createRegisteredCustomer } from "./utils/customers"
import {
  afterOutboxQuiet,
  afterSubscribers,
  emailsTo,
} from "./utils/notifications"

jest.setTimeout(120 * 1000)

const NEW_PASSWORD = "Brand-New-Passw0rd!"

const signIn = (api: AxiosInstance, email: string, password: string) =>
  api.post("/auth/customer/emailpass", { email, password }).catch(failure)

/** Core's password update, authenticated with a reset (or activation) token. */
const updatePassword = (api: AxiosInstance, token: string, password: string) =>
  api
    .post(
      "/auth/customer/emailpass/update",
      { password },
      { headers: { authorization: `Bearer ${token}` } }
    )
    .catch(failure)

const tokenFrom = (url: string) => new URL(url).searchParams.get("token")!

medusaIntegrationTestRunner({
  inApp: true,
  env: {},
  testSuite: ({ api, getContainer }) => {
    let headers: Record<string, string>

    beforeEach(async () => {
      ;({ headers } = await createAdminAndSignIn(getContainer(), api))
    })

    const resetPassword = (customerId: string) =>
      afterSubscribers<AxiosResponse>(
        getContainer(),
        "auth.password_reset",
        () =>
          api.post(
            `/admin/customers/${customerId}/credentials/reset-password`,
            {},
            { headers }
          )
      )

    describe("POST /admin/customers/:id/credentials/reset-password", () => {
      it("emails a reset link whose token works once, and never returns it", async () => {
        const customer = await createRegisteredCustomer(getContainer(), {
          email: "reset@example.com",
          password: "Old-Passw0rd!",
          first_name: "Rosa",
        })

        const response = await resetPassword(customer.id)

        expect(response.status).toBe(202)
        const emails = await emailsTo(getContainer(), "reset@example.com")
        expect(emails).toHaveLength(1)
        expect(emails[0].template).toBe("customer-password-reset")
        const resetUrl = emails[0].data!.reset_url as string
        expect(resetUrl).toMatch(
          /^http:\/\/localhost:8000\/account\/reset-password\?token=/
        )
        expect(emails[0].data!.text).toContain("Hello Rosa,")
        const token = tokenFrom(resetUrl)
        expect(JSON.stringify(response.data)).not.toContain(token)

        expect((await updatePassword(api, token, NEW_PASSWORD)).status).toBe(
          200
        )
        expect(
          (await signIn(api, "reset@example.com", NEW_PASSWORD)).status
        ).toBe(200)
        expect(
          (await signIn(api, "reset@example.com", "Old-Passw0rd!")).status
        ).toBe(401)

        const again = await updatePassword(api, token, "Another-Passw0rd!")
        expect(again.status).toBe(401)
        expect(
          (await signIn(api, "reset@example.com", NEW_PASSWORD)).status
        ).toBe(200)
      })

      it("voids the earlier token when a new one is issued", async () => {
        const customer = await createRegisteredCustomer(getContainer(), {
          email: "twice@example.com",
          password: "Old-Passw0rd!",
        })

        await resetPassword(customer.id)
        await resetPassword(customer.id)

        const [first, second] = await emailsTo(
          getContainer(),
          "twice@example.com"
        )
        const older = tokenFrom(first.data!.reset_url as string)
        const newer = tokenFrom(second.data!.reset_url as string)
        expect((await updatePassword(api, older, NEW_PASSWORD)).status).toBe(
          401
        )
        expect((await updatePassword(api, newer, NEW_PASSWORD)).status).toBe(
          200
        )
      })

      it("audits the request with the admin as actor", async () => {
        const customer = await createRegisteredCustomer(getContainer(), {
          email: "audit-reset@example.com",
          password: "Old-Passw0rd!",
        })
        await resetPassword(customer.id)

        const events = await credentialsService(
          getContainer()
        ).listCredentialEvents({
          customer_id: customer.id,
        })
        expect(events).toEqual([
          expect.objectContaining({
            action: "password_reset_requested",
            actor_type: "user",
            metadata: null,
          }),
        ])
      })

      it("answers 404 with what to do instead when the customer has no login", async () => {
        const customer = await createCustomer(getContainer(), {
          email: "nologin@example.com",
        })

        const response = await api
          .post(
            `/admin/customers/${customer.id}/credentials/reset-password`,
            {},
            { headers }
          )
          .catch(failure)

        expect(response.status).toBe(404)
        expect(response.data.message).toMatch(/has no login yet/)
        expect(response.data.message).toMatch(/Generate and send credentials/)
        await afterOutboxQuiet(getContainer())
        expect(
          await emailsTo(getContainer(), "nologin@example.com")
        ).toHaveLength(0)
      })

      it("answers 400 to a body and 404 to an unknown customer", async () => {
        const body = await api
          .post(
            `/admin/customers/cus_x/credentials/reset-password`,
            { email: "x@example.com" },
            { headers }
          )
          .catch(failure)
        const unknown = await api
          .post(
            `/admin/customers/cus_x/credentials/reset-password`,
            {},
            { headers }
          )
          .catch(failure)

        expect(body.status).toBe(400)
        expect(unknown.status).toBe(404)
      })
    })

    describe("POST /admin/customers/:id/credentials/send-activation", () => {
      it("gives a customer without a login an activation link and a customer number", async () => {
        const customer = await createCustomer(getContainer(), {
          email: "activate@example.com",
          first_name: "Ada",
        })

        const response = await api.post(
          `/admin/customers/${customer.id}/credentials/send-activation`,
          {},
          { headers }
        )

        expect(response.status).toBe(202)
        expect(response.data.credentials).toEqual(
          expect.objectContaining({
            is_registered: true,
            customer_number: expect.stringMatching(/^\d{6,}$/),
          })
        )
        const emails = await emailsTo(getContainer(), "activate@example.com")
        expect(emails).toHaveLength(1)
        expect(emails[0].template).toBe("customer-account-activation")
        const url = emails[0].data!.activation_url as string
        expect(url).toMatch(
          /^http:\/\/localhost:8000\/account\/activate\?token=/
        )
        expect(emails[0].data!.text).toContain(
          response.data.credentials.customer_number
        )
        expect(JSON.stringify(response.data)).not.toContain(tokenFrom(url))

        // The token is a core reset token: the customer chooses their
        // password with it, and signs in with the customer number (the
        // store's default for a backoffice activation).
        expect(
          (await updatePassword(api, tokenFrom(url), NEW_PASSWORD)).status
        ).toBe(200)
        expect(
          (
            await signIn(
              api,
              response.data.credentials.customer_number,
              NEW_PASSWORD
            )
          ).status
        ).toBe(200)
        expect(
          (await updatePassword(api, tokenFrom(url), NEW_PASSWORD)).status
        ).toBe(401)
      })

      it("keeps an existing password until the customer uses the link", async () => {
        const customer = await createRegisteredCustomer(getContainer(), {
          email: "keep@example.com",
          password: "Old-Passw0rd!",
        })

        await api.post(
          `/admin/customers/${customer.id}/credentials/send-activation`,
          {},
          { headers }
        )

        expect(
          (await signIn(api, "keep@example.com", "Old-Passw0rd!")).status
        ).toBe(200)
        const events = await credentialsService(
          getContainer()
        ).listCredentialEvents({
          customer_id: customer.id,
          action: "activation_sent",
        })
        expect(events).toEqual([
          expect.objectContaining({
            action: "activation_sent",
            metadata: { created_login: false },
          }),
        ])
      })
    })

    describe("email confirmation and core's verification records", () => {
      it("writes the admin switch to core's verification record of the login", async () => {
        const customer = await createRegisteredCustomer(getContainer(), {
          email: "verify@example.com",
          password: "Old-Passw0rd!",
        })
        const auth = getContainer().resolve(Modules.AUTH)

        const on = await api.post(
          `/admin/customers/${customer.id}/credentials`,
          { email_confirmed: true },
          { headers }
        )
        expect(on.data.credentials.email_confirmed).toBe(true)
        let [record] = await auth.listAuthVerifications({
          entity_id: "verify@example.com",
          entity_type: "email",
        })
        expect(record.verified_at).not.toBeNull()

        const off = await api.post(
          `/admin/customers/${customer.id}/credentials`,
          { email_confirmed: false },
          { headers }
        )
        expect(off.data.credentials.email_confirmed).toBe(false)
        ;[record] = await auth.listAuthVerifications({
          entity_id: "verify@example.com",
          entity_type: "email",
        })
        expect(record.verified_at).toBeNull()
      })

      it("reads a confirmation made through core's verification flow", async () => {
        const customer = await createRegisteredCustomer(getContainer(), {
          email: "storefront@example.com",
          password: "Old-Passw0rd!",
        })
        const auth = getContainer().resolve(Modules.AUTH)
        const [providerIdentity] = await auth.listProviderIdentities({
          entity_id: "storefront@example.com",
          provider: "emailpass",
        })
        const requested = await auth.requestAuthVerification({
          auth_identity_id: providerIdentity.auth_identity_id!,
          entity_id: "storefront@example.com",
          entity_type: "email",
          code_provider: "token",
        })
        await auth.confirmAuthVerification({
          code: (requested as unknown as { code: string }).code,
          code_provider: "token",
        })

        const response = await api.get(
          `/admin/customers/${customer.id}/credentials`,
          {
            headers,
          }
        )
        expect(response.data.credentials.email_confirmed).toBe(true)
      })
    })
  },
})
