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
import { createPublishableKeyHeader } from "./utils/store"
import { STORE_PASSWORD } from "./utils/store-session"

jest.setTimeout(120 * 1000)

const STRONG = "Str0ng&Secret!"
const CHOSEN = "Chosen-Passw0rd!"
const ROUTE = "/admin/credentials/customers"

const signIn = (api: AxiosInstance, email: string, password: string) =>
  api.post("/auth/customer/emailpass", { email, password }).catch(failure)

const person = (email: string, login: Record<string, unknown>) => ({
  email,
  first_name: "Nora",
  last_name: "Newton",
  company_name: "Newton GmbH",
  phone: "+49 30 1234",
  login,
})

medusaIntegrationTestRunner({
  inApp: true,
  env: {},
  testSuite: ({ api, getContainer }) => {
    let headers: Record<string, string>
    let adminId: string

    beforeEach(async () => {
      ;({ headers, userId: adminId } = await createAdminAndSignIn(
        getContainer(),
        api
      ))
    })

    const create = (body: unknown) =>
      api.post(ROUTE, body, { headers }).catch(failure)

    const customersWith = (email: string) =>
      getContainer()
        .resolve(Modules.CUSTOMER)
        .listCustomers({ email }, { select: ["id", "has_account"] })

    /** The audit rows, oldest first, as the admin's audit trail lists them. */
    const auditOf = async (customerId: string) =>
      (
        await credentialsService(getContainer()).listCredentialEvents(
          { customer_id: customerId },
          { order: { created_at: "ASC" } }
        )
      ).filter((event) => event.action !== "signed_in")

    /** A refused request leaves no customer, no login, no audit row, no email. */
    const expectNothingWritten = async (email: string) => {
      expect(await customersWith(email)).toEqual([])
      const logins = await getContainer()
        .resolve(Modules.AUTH)
        .listProviderIdentities({ entity_id: email })
      expect(logins).toEqual([])
      await afterOutboxQuiet(getContainer(), 500)
      expect(await emailsTo(getContainer(), email)).toEqual([])
    }

    describe("Generate and send credentials", () => {
      it("creates the customer and its login, emails the password once, and the customer signs in with it", async () => {
        const response = await create(
          person("gen-new@example.com", { mode: "generate" })
        )

        expect(response.status).toBe(201)
        expect(response.data.customer).toEqual(
          expect.objectContaining({
            id: expect.any(String),
            email: "gen-new@example.com",
            first_name: "Nora",
            last_name: "Newton",
            company_name: "Newton GmbH",
            phone: "+49 30 1234",
            has_account: true,
          })
        )
        expect(response.data.credentials).toEqual(
          expect.objectContaining({
            is_registered: true,
            login_enabled: true,
            must_change_password: true,
            email_confirmed: true,
            customer_number: expect.stringMatching(/^\d{6,}$/),
          })
        )

        const emails = await emailsTo(getContainer(), "gen-new@example.com")
        expect(emails.map((email) => email.template)).toEqual([
          "customer-credentials-generated",
        ])
        const password = /Temporary password: (\S+)/.exec(
          emails[0].data.text as string
        )![1]
        expect(JSON.stringify(response.data)).not.toContain(password)
        expect(
          (await signIn(api, "gen-new@example.com", password)).status
        ).toBe(200)

        const audit = await auditOf(response.data.customer.id)
        expect(
          audit.map((event) => ({
            action: event.action,
            actor_type: event.actor_type,
            actor_id: event.actor_id,
            metadata: event.metadata,
          }))
        ).toEqual([
          {
            action: "customer_created",
            actor_type: "user",
            actor_id: adminId,
            metadata: { login: "generate" },
          },
          {
            action: "credentials_generated",
            actor_type: "user",
            actor_id: adminId,
            metadata: expect.objectContaining({ created_login: true }),
          },
        ])
        expect(JSON.stringify(audit)).not.toContain(password)
      })
    })

    describe("Enter a password", () => {
      const allowManualEntry = () =>
        api
          .post(
            "/admin/credential-settings",
            { allow_manual_entry: true },
            { headers }
          )
          .catch(failure)

      it("is refused with 403 while Allow Manual Entry is off; no customer is made", async () => {
        const response = await create(
          person("manual-off@example.com", {
            mode: "password",
            password: STRONG,
            confirm_password: STRONG,
          })
        )

        expect(response.status).toBe(403)
        expect(response.data.message).toMatch(/Allow Manual Entry/)
        await expectNothingWritten("manual-off@example.com")
      })

      it("refuses a password the policy refuses, or a confirmation that differs, before writing anything", async () => {
        expect((await allowManualEntry()).status).toBe(200)

        const weak = await create(
          person("weak@example.com", {
            mode: "password",
            password: "short",
            confirm_password: "short",
          })
        )
        expect(weak.status).toBe(400)
        expect(weak.data.message).toMatch(/at least \d+ characters/)

        const differs = await create(
          person("weak@example.com", {
            mode: "password",
            password: STRONG,
            confirm_password: `${STRONG}x`,
          })
        )
        expect(differs.status).toBe(400)
        expect(differs.data.message).toBe(
          "The password and its confirmation differ."
        )
        await expectNothingWritten("weak@example.com")
      })

      it("signs in at once when the admin vouches for the email; the audit holds no password", async () => {
        expect((await allowManualEntry()).status).toBe(200)

        const response = await create(
          person("vouched-new@example.com", {
            mode: "password",
            password: STRONG,
            confirm_password: STRONG,
            email_confirmed: true,
          })
        )

        expect(response.status).toBe(201)
        expect(response.data.credentials).toEqual(
          expect.objectContaining({
            is_registered: true,
            email_confirmed: true,
          })
        )
        expect(JSON.stringify(response.data)).not.toContain(STRONG)
        const login = await signIn(api, "vouched-new@example.com", STRONG)
        expect(login.status).toBe(200)

        const audit = await auditOf(response.data.customer.id)
        expect(audit.map((event) => [event.action, event.metadata])).toEqual([
          ["customer_created", { login: "password" }],
          [
            "password_set",
            expect.objectContaining({
              created_login: true,
              email_confirmed: true,
              link_sent: false,
            }),
          ],
        ])
        expect(JSON.stringify(audit)).not.toContain(STRONG)
      })

      it("without the admin's word, the login waits for the emailed confirmation link (Email confirmed rule)", async () => {
        expect((await allowManualEntry()).status).toBe(200)

        const response = await afterSubscribers<AxiosResponse>(
          getContainer(),
          "auth.verification_requested",
          () =>
            create(
              person("unvouched-new@example.com", {
                mode: "password",
                password: STRONG,
                confirm_password: STRONG,
              })
            )
        )

        expect(response.status).toBe(201)
        expect(response.data.credentials.email_confirmed).toBe(false)
        const refused = await signIn(api, "unvouched-new@example.com", STRONG)
        expect(refused.status).toBe(401)
        const emails = await emailsTo(
          getContainer(),
          "unvouched-new@example.com"
        )
        expect(emails.map((email) => email.template)).toContain(
          "customer-account-activation"
        )
        expect(JSON.stringify(emails)).not.toContain(STRONG)
      })
    })

    describe("Send activation email", () => {
      it("creates the customer and a login nobody knows the password of; the emailed link sets it", async () => {
        const response = await create(
          person("activate-new@example.com", { mode: "activation" })
        )

        expect(response.status).toBe(201)
        expect(response.data.customer.has_account).toBe(true)
        expect(response.data.credentials).toEqual(
          expect.objectContaining({
            is_registered: true,
            customer_number: expect.stringMatching(/^\d{6,}$/),
          })
        )
        const emails = await emailsTo(
          getContainer(),
          "activate-new@example.com"
        )
        expect(emails.map((email) => email.template)).toEqual([
          "customer-account-activation",
        ])
        const url = emails[0].data.activation_url as string
        const token = new URL(url).searchParams.get("token")!
        expect(JSON.stringify(response.data)).not.toContain(token)

        // The storefront's activation page: the customer chooses the password.
        const activated = await api
          .post(
            "/store/credentials/activate",
            { token, password: CHOSEN },
            { headers: await createPublishableKeyHeader(getContainer()) }
          )
          .catch(failure)
        expect(activated.status).toBe(200)
        // With the customer number the email gave: a login an admin
        // activates signs in with it whatever the store's
        // backoffice_activation_sign_in says (customer number or both).
        const signedIn = await api
          .post(
            "/store/credentials/login",
            {
              identifier: response.data.credentials.customer_number,
              password: CHOSEN,
            },
            { headers: await createPublishableKeyHeader(getContainer()) }
          )
          .catch(failure)
        expect(signedIn.status).toBe(200)
        expect(typeof signedIn.data.token).toBe("string")

        const audit = await auditOf(response.data.customer.id)
        expect(audit.map((event) => [event.action, event.metadata])).toEqual(
          expect.arrayContaining([
            ["customer_created", { login: "activation" }],
            [
              "activation_sent",
              expect.objectContaining({ created_login: true }),
            ],
          ])
        )
        expect(audit[0].action).toBe("customer_created")
        expect(JSON.stringify(audit)).not.toContain(token)
      })
    })

    describe("No login", () => {
      it("creates the customer only, as core's Create customer does, and audits the choice", async () => {
        const response = await create(
          person("no-login@example.com", { mode: "none" })
        )

        expect(response.status).toBe(201)
        expect(response.data.customer.has_account).toBe(false)
        expect(response.data.credentials.is_registered).toBe(false)
        const audit = await auditOf(response.data.customer.id)
        expect(audit.map((event) => [event.action, event.metadata])).toEqual([
          ["customer_created", { login: "none" }],
        ])
        await afterOutboxQuiet(getContainer(), 500)
        expect(await emailsTo(getContainer(), "no-login@example.com")).toEqual(
          []
        )
      })
    })

    describe("an email that names a customer already", () => {
      it("answers 409 for a customer with a login, in any case, with that customer's id, and changes nothing", async () => {
        const existing = await createRegisteredCustomer(getContainer(), {
          email: "taken@example.com",
          password: STORE_PASSWORD,
        })

        const response = await create(
          person("Taken@Example.com", { mode: "generate" })
        )

        expect(response.status).toBe(409)
        expect(response.data).toEqual({
          type: "duplicate_error",
          code: "customer_has_login",
          message: expect.stringMatching(
            /already has a login\. Open that customer's page/
          ),
          customer_id: existing.id,
        })
        expect(await customersWith("taken@example.com")).toHaveLength(1)
        expect(await auditOf(existing.id)).toEqual([])
        await afterOutboxQuiet(getContainer(), 500)
        expect(await emailsTo(getContainer(), "taken@example.com")).toEqual([])
      })

      it("answers 409 for a guest (earlier orders), pointing to the guest's page, whatever the login choice", async () => {
        const guest = await createCustomer(getContainer(), {
          email: "guest-order@example.com",
          first_name: "Gus",
        })

        for (const login of [
          { mode: "generate" },
          { mode: "activation" },
          { mode: "none" },
        ]) {
          const response = await create(
            person("guest-order@example.com", login)
          )
          expect(response.status).toBe(409)
          expect(response.data).toEqual(
            expect.objectContaining({
              code: "guest_customer_exists",
              message: expect.stringMatching(
                /guest customer with this email already exists.*Create login or Send activation email/
              ),
              customer_id: guest.id,
            })
          )
        }
        expect(await customersWith("guest-order@example.com")).toEqual([
          { id: guest.id, has_account: false },
        ])
        await afterOutboxQuiet(getContainer(), 500)
        expect(
          await emailsTo(getContainer(), "guest-order@example.com")
        ).toEqual([])
      })
    })

    describe("bad bodies", () => {
      it.each([
        [
          "an unknown field",
          { ...person("x@example.com", { mode: "none" }), role: "admin" },
        ],
        [
          "password fields with Generate",
          person("x@example.com", { mode: "generate", password: STRONG }),
        ],
        ["an unknown mode", person("x@example.com", { mode: "magic" })],
        [
          "no login choice",
          { email: "x@example.com", first_name: "X", last_name: "Y" },
        ],
        [
          "a password mode without the password",
          person("x@example.com", { mode: "password" }),
        ],
        ["an email that is none", person("not-an-email", { mode: "none" })],
        [
          "an empty first name",
          { ...person("x@example.com", { mode: "none" }), first_name: " " },
        ],
      ])("refuses %s with 400 and a message", async (_, body) => {
        const response = await create(body)
        expect(response.status).toBe(400)
        expect(response.data.message).toEqual(expect.any(String))
        expect(await customersWith("x@example.com")).toEqual([])
      })
    })

    describe("an email that cannot be sent", () => {
      /** Runs the call with every email refused by the notification provider. */
      const withEmailDown = async (call: () => Promise<AxiosResponse>) => {
        const notifications = getContainer().resolve(Modules.NOTIFICATION)
        const outage = jest
          .spyOn(notifications, "createNotifications")
          .mockRejectedValue(new Error("SMTP unreachable"))
        try {
          const response = await call()
          expect(outage).toHaveBeenCalled()
          return response
        } finally {
          outage.mockRestore()
        }
      }

      it.each(["generate", "activation"])(
        "leaves no customer, login or audit row behind (%s), and the admin can try again",
        async (mode) => {
          const email = `down-${mode}@example.com`
          const before = await credentialsService(
            getContainer()
          ).listCredentialEvents({})

          const response = await withEmailDown(() =>
            create(person(email, { mode }))
          )

          expect(response.status).toBe(500)
          expect(response.data.message).toMatch(
            /could not be sent \(SMTP unreachable\), so nothing was changed/
          )
          expect(await customersWith(email)).toEqual([])
          expect(
            await getContainer()
              .resolve(Modules.AUTH)
              .listProviderIdentities({ entity_id: email })
          ).toEqual([])
          expect(
            await credentialsService(getContainer()).listCredentialEvents({})
          ).toEqual(before)

          const again = await create(person(email, { mode }))
          expect(again.status).toBe(201)
        }
      )
    })
  },
})
