import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import type { AxiosInstance } from "axios"
import { createAdminAndSignIn } from "./utils/admin"
import { credentialsService, failure } from "./utils/credentials"
import { createCustomer, createRegisteredCustomer } from "./utils/customers"
import { emailsTo } from "./utils/notifications"
import { createPublishableKeyHeader } from "./utils/store"
import { storeClient, tokenFrom } from "./utils/store-session"

jest.setTimeout(180 * 1000)

const PASSWORD = "Activated-Passw0rd!"
const NEW_PASSWORD = "Email-Too-Passw0rd!"

const linkToken = (url: string) => new URL(url).searchParams.get("token")!

/** Polls a bulk job until it is done (the work runs in the background). */
const waitForJob = async (
  api: AxiosInstance,
  headers: Record<string, string>,
  id: string
) => {
  for (let attempt = 0; attempt < 600; attempt++) {
    const { data } = await api.get(`/admin/credentials/bulk/${id}`, {
      headers,
    })
    if (data.job.status === "completed" || data.job.status === "failed") {
      return data.job
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(`bulk job ${id} did not finish`)
}

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
      get: (path: string) =>
        api.get(path, { headers: adminHeaders }).catch(failure),
    }

    /** The plugin's sign-in and core's, with one identifier and password. */
    const signInBothWays = async (identifier: string, password: string) => [
      await store.post("/store/credentials/login", { identifier, password }),
      await store.post("/auth/customer/emailpass", {
        email: identifier,
        password,
      }),
    ]

    const setSignInSetting = async (value: string) => {
      const saved = await admin.post("/admin/credential-settings", {
        backoffice_activation_sign_in: value,
      })
      expect(saved.status).toBe(200)
    }

    /** A guest customer activated from the customer page with PASSWORD. */
    const activateFromCustomerPage = async (
      email: string,
      complete: "store" | "core" = "store"
    ) => {
      const customer = await createCustomer(getContainer(), {
        email,
        first_name: "Ida",
      })
      const sent = await admin.post(
        `/admin/customers/${customer.id}/credentials/send-activation`,
        {}
      )
      expect(sent.status).toBe(202)
      const [message] = await emailsTo(getContainer(), email)
      const token = linkToken(message.data!.activation_url as string)
      const activated =
        complete === "store"
          ? await store.post("/store/credentials/activate", {
              token,
              password: PASSWORD,
            })
          : await api
              .post(
                "/auth/customer/emailpass/update",
                { password: PASSWORD },
                { headers: { authorization: `Bearer ${token}` } }
              )
              .catch(failure)
      expect(activated.status).toBe(200)
      return {
        customer,
        number: sent.data.credentials.customer_number as string,
        message,
      }
    }

    describe("by default: the customer number only", () => {
      it("emails the number, signs in with it on every route, and answers the email as a wrong password", async () => {
        const { customer, number, message } = await activateFromCustomerPage(
          "number-only@example.com"
        )

        expect(number).toMatch(/^\d{6,}$/)
        expect(message.data!.text).toContain(
          `Sign in with your customer number ${number} (not your email address)`
        )
        expect(message.data!.sign_in_with).toBe("customer_number")

        for (const response of await signInBothWays(number, PASSWORD)) {
          expect(response.status).toBe(200)
          const me = await store.get("/store/customers/me", tokenFrom(response))
          expect(me.data.customer.id).toBe(customer.id)
        }

        // The right password with the email: the same answer, byte for byte,
        // as a wrong password on the same route.
        const [pluginEmail, coreEmail] = await signInBothWays(
          "number-only@example.com",
          PASSWORD
        )
        const [pluginWrong, coreWrong] = await signInBothWays(
          "number-only@example.com",
          "Wrong-Passw0rd!"
        )
        expect(pluginEmail.status).toBe(401)
        expect(coreEmail.status).toBe(401)
        expect(pluginEmail.data).toEqual(pluginWrong.data)
        expect(coreEmail.data).toEqual(coreWrong.data)
        expect(pluginEmail.data).toEqual({
          type: "unauthorized",
          code: "invalid_credentials",
          message: "Invalid email or password",
        })

        // The audit trail says why, for the merchant.
        const failed = await credentialsService(
          getContainer()
        ).listCredentialEvents({
          customer_id: customer.id,
          action: "sign_in_failed",
        })
        expect(
          failed.filter(
            (event) => event.metadata?.identifier_not_accepted === "email"
          )
        ).toHaveLength(4)

        // The storefront and the admin read what the login signs in with.
        const token = tokenFrom(
          await store.post("/store/credentials/login", {
            identifier: number,
            password: PASSWORD,
          })
        )
        const me = await store.get("/store/credentials/me", token)
        expect(me.data.login).toEqual(
          expect.objectContaining({
            sign_in_with: ["customer_number"],
            customer_number: number,
          })
        )
        const credentials = await admin.get(
          `/admin/customers/${customer.id}/credentials`
        )
        expect(credentials.data.credentials.sign_in_with).toEqual([
          "customer_number",
        ])
      })

      it("holds after an admin changes the customer's email through core: the login follows it, still number-only", async () => {
        const { customer, number } = await activateFromCustomerPage(
          "renamed@example.com"
        )
        const renamed = await admin.post(`/admin/customers/${customer.id}`, {
          email: "renamed-new@example.com",
        })
        expect(renamed.status).toBe(200)

        for (const email of [
          "renamed@example.com",
          "renamed-new@example.com",
        ]) {
          for (const response of await signInBothWays(email, PASSWORD)) {
            expect(response.status).toBe(401)
          }
        }
        // The login moved to the new email (admin-customer-email-change.spec.ts):
        // the number still finds it.
        for (const response of await signInBothWays(number, PASSWORD)) {
          expect(response.status).toBe(200)
        }
      })

      it("holds when the link is used through core's own password update", async () => {
        const { number } = await activateFromCustomerPage(
          "core-update@example.com",
          "core"
        )
        const [pluginNumber] = await signInBothWays(number, PASSWORD)
        expect(pluginNumber.status).toBe(200)
        for (const response of await signInBothWays(
          "core-update@example.com",
          PASSWORD
        )) {
          expect(response.status).toBe(401)
        }
      })

      it("the email still gets a Forgot-password link, which changes the password, not how the login signs in", async () => {
        const { number } = await activateFromCustomerPage("forgot@example.com")
        const asked = await store.post(
          "/auth/customer/emailpass/reset-password",
          {
            identifier: "forgot@example.com",
          }
        )
        expect(asked.status).toBe(201)
        let reset: { data?: Record<string, unknown> } | undefined
        for (let i = 0; i < 100 && !reset; i++) {
          reset = (await emailsTo(getContainer(), "forgot@example.com")).find(
            (email) => email.template === "customer-password-reset"
          )
          await new Promise((resolve) => setTimeout(resolve, 50))
        }
        const updated = await api
          .post(
            "/auth/customer/emailpass/update",
            { password: NEW_PASSWORD },
            {
              headers: {
                authorization: `Bearer ${linkToken(reset!.data!.reset_url as string)}`,
              },
            }
          )
          .catch(failure)
        expect(updated.status).toBe(200)
        const [byNumber] = await signInBothWays(number, NEW_PASSWORD)
        expect(byNumber.status).toBe(200)
        const [byEmail] = await signInBothWays(
          "forgot@example.com",
          NEW_PASSWORD
        )
        expect(byEmail.status).toBe(401)
      })

      it("a bulk activation makes number-only logins too, and says so in each email", async () => {
        const customer = await createCustomer(getContainer(), {
          email: "bulk-number@example.com",
        })
        const started = await admin.post("/admin/credentials/bulk", {
          action: "send_activation",
          customer_ids: [customer.id],
        })
        expect(started.status).toBe(202)
        const job = await waitForJob(api, adminHeaders, started.data.job.id)
        expect(job.status).toBe("completed")
        const [message] = await emailsTo(
          getContainer(),
          "bulk-number@example.com"
        )
        const number = message.data!.customer_number as string
        expect(message.data!.text).toContain(
          `Sign in with your customer number ${number} (not your email address)`
        )
        const activated = await store.post("/store/credentials/activate", {
          token: linkToken(message.data!.activation_url as string),
          password: PASSWORD,
        })
        expect(activated.status).toBe(200)
        const [byNumber] = await signInBothWays(number, PASSWORD)
        expect(byNumber.status).toBe(200)
        for (const response of await signInBothWays(
          "bulk-number@example.com",
          PASSWORD
        )) {
          expect(response.status).toBe(401)
        }
      })
    })

    describe("the store setting", () => {
      it("email: the login signs in with its email, and its number is refused", async () => {
        await setSignInSetting("email")
        const { number, message } = await activateFromCustomerPage(
          "email-only@example.com"
        )
        expect(message.data!.text).toContain(
          "Sign in with your email address and the password you choose."
        )
        for (const response of await signInBothWays(
          "email-only@example.com",
          PASSWORD
        )) {
          expect(response.status).toBe(200)
        }
        for (const response of await signInBothWays(number, PASSWORD)) {
          expect(response.status).toBe(401)
          expect(response.data.code).toBe("invalid_credentials")
        }
      })

      it("both: either identifier signs in", async () => {
        await setSignInSetting("both")
        const { number, message } =
          await activateFromCustomerPage("both@example.com")
        expect(message.data!.text).toContain(
          `Your customer number is ${number}: you can sign in with it or with your email.`
        )
        for (const identifier of ["both@example.com", number]) {
          for (const response of await signInBothWays(identifier, PASSWORD)) {
            expect(response.status).toBe(200)
          }
        }
      })

      it("is the one in force when the link was sent", async () => {
        const customer = await createCustomer(getContainer(), {
          email: "sent-under@example.com",
        })
        await admin.post(
          `/admin/customers/${customer.id}/credentials/send-activation`,
          {}
        )
        await setSignInSetting("both")
        const [message] = await emailsTo(
          getContainer(),
          "sent-under@example.com"
        )
        await store.post("/store/credentials/activate", {
          token: linkToken(message.data!.activation_url as string),
          password: PASSWORD,
        })
        const [byEmail] = await signInBothWays(
          "sent-under@example.com",
          PASSWORD
        )
        expect(byEmail.status).toBe(401)
      })

      it("leaves a storefront registration and a login made before signing in with the email", async () => {
        await admin.post("/admin/credential-settings", {
          require_email_confirmation: false,
        })
        const registered = await store.post("/store/credentials/register", {
          email: "shopper@example.com",
          password: PASSWORD,
          first_name: "Sam",
          last_name: "Shopper",
        })
        expect(registered.status).toBe(201)
        for (const response of await signInBothWays(
          "shopper@example.com",
          PASSWORD
        )) {
          expect(response.status).toBe(200)
        }

        // An admin's activation email to a login that exists changes
        // neither its password nor how it signs in.
        const existing = await createRegisteredCustomer(getContainer(), {
          email: "older@example.com",
          password: PASSWORD,
        })
        const sent = await admin.post(
          `/admin/customers/${existing.id}/credentials/send-activation`,
          {}
        )
        const number = sent.data.credentials.customer_number as string
        const [message] = await emailsTo(getContainer(), "older@example.com")
        expect(message.data!.text).toContain(
          `you can sign in with it or with your email`
        )
        for (const identifier of ["older@example.com", number]) {
          const [response] = await signInBothWays(identifier, PASSWORD)
          expect(response.status).toBe(200)
        }
      })

      it("is a choice of three, refused otherwise with a message", async () => {
        const refused = await admin.post("/admin/credential-settings", {
          backoffice_activation_sign_in: "phone",
        })
        expect(refused.status).toBe(400)
        expect(refused.data.message).toContain("backoffice_activation_sign_in")
        const read = await admin.get("/admin/credential-settings")
        expect(
          read.data.credential_settings.backoffice_activation_sign_in
        ).toBe("customer_number")
      })
    })

    describe("POST /store/credentials/me/email-sign-in", () => {
      const enable = (token: string | undefined, body: unknown) =>
        store.post("/store/credentials/me/email-sign-in", body, token)

      const signedInByNumber = async (email: string) => {
        const activated = await activateFromCustomerPage(email)
        const token = tokenFrom(
          await store.post("/store/credentials/login", {
            identifier: activated.number,
            password: PASSWORD,
          })
        )
        return { ...activated, token }
      }

      it("turns on the email with a new password, audited, and answers with a token", async () => {
        const { customer, number, token } = await signedInByNumber(
          "email-too@example.com"
        )

        const response = await enable(token, {
          current_password: PASSWORD,
          new_password: NEW_PASSWORD,
        })

        expect(response.status).toBe(200)
        expect(response.data).toEqual({
          success: true,
          sign_in_with: ["email", "customer_number"],
          token: expect.any(String),
        })
        for (const identifier of ["email-too@example.com", number]) {
          for (const response of await signInBothWays(
            identifier,
            NEW_PASSWORD
          )) {
            expect(response.status).toBe(200)
          }
        }
        const [old] = await signInBothWays(number, PASSWORD)
        expect(old.status).toBe(401)
        const me = await store.get("/store/credentials/me", response.data.token)
        expect(me.data.login.sign_in_with).toEqual(["email", "customer_number"])

        const events = await credentialsService(
          getContainer()
        ).listCredentialEvents({ customer_id: customer.id })
        expect(events.map((event) => event.action)).toEqual(
          expect.arrayContaining(["password_changed", "email_sign_in_enabled"])
        )
        expect(JSON.stringify(events)).not.toContain(NEW_PASSWORD)

        // Asked again: it already does.
        const again = await enable(response.data.token, {
          current_password: NEW_PASSWORD,
          new_password: "Third-Passw0rd!!",
        })
        expect(again.status).toBe(400)
        expect(again.data.message).toBe(
          "You already sign in with your email address."
        )
      })

      it("refuses a wrong current password and a weak new one, changing nothing", async () => {
        const { number, token } = await signedInByNumber("refused@example.com")

        const wrong = await enable(token, {
          current_password: "Not-The-Passw0rd!",
          new_password: NEW_PASSWORD,
        })
        expect(wrong.status).toBe(400)
        expect(wrong.data.message).toBe("The current password is not correct.")
        const weak = await enable(token, {
          current_password: PASSWORD,
          new_password: "weak",
        })
        expect(weak.status).toBe(400)
        expect(weak.data.message).toEqual(expect.any(String))

        const [byEmail] = await signInBothWays("refused@example.com", PASSWORD)
        expect(byEmail.status).toBe(401)
        const [byNumber] = await signInBothWays(number, PASSWORD)
        expect(byNumber.status).toBe(200)
      })

      it("refuses a B2B person signed in for a company, changing nothing on the company's login", async () => {
        const company = await activateFromCustomerPage("company@example.com")
        const person = await activateFromCustomerPage("person@example.com")
        const added = await admin.post(
          `/admin/customers/${company.customer.id}/references`,
          { email: "person@example.com", display_name: "Pat" }
        )
        expect(added.status).toBe(201)

        const chooser = await store.post("/store/credentials/login", {
          identifier: person.number,
          password: PASSWORD,
        })
        expect(chooser.status).toBe(200)
        expect(chooser.data.account_selection_required).toBe(true)
        const selected = await store.post(
          "/store/credentials/select-account",
          { customer_id: company.customer.id },
          chooser.data.token
        )
        expect(selected.status).toBe(200)

        const refused = await enable(tokenFrom(selected), {
          current_password: PASSWORD,
          new_password: NEW_PASSWORD,
        })
        expect(refused.status).toBe(400)
        expect(refused.data.message).toBe(
          "Only your own account's login can turn on signing in with its email. Switch to your own account and try again."
        )
        const [row] = await credentialsService(
          getContainer()
        ).listCustomerCredentials({ customer_id: company.customer.id })
        expect(row.sign_in_with).toBe("customer_number")
        for (const response of await signInBothWays(
          "company@example.com",
          PASSWORD
        )) {
          expect(response.status).toBe(401)
        }
        // The person's password did not change either.
        const [again] = await signInBothWays(person.number, PASSWORD)
        expect(again.status).toBe(200)
      })

      it("wants a signed-in customer and a strict body", async () => {
        const anonymous = await enable(undefined, {
          current_password: PASSWORD,
          new_password: NEW_PASSWORD,
        })
        expect(anonymous.status).toBe(401)

        const { token } = await signedInByNumber("strict@example.com")
        const extra = await enable(token, {
          current_password: PASSWORD,
          new_password: NEW_PASSWORD,
          sign_in_with: "email",
        })
        expect(extra.status).toBe(400)
      })
    })
  },
})
