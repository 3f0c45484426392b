import { Modules } from "@medusajs/framework/utils"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import type { AxiosResponse } from "axios"
import { CredentialsEvents } from "../../src/modules/credentials/events"
import { passwordLockKey } from "../../src/workflows/shared/utils/password-lock-key"
import { createAdminAndSignIn } from "./utils/admin"
import { credentialsService, failure } from "./utils/credentials"
import { afterSubscribers, emailsTo } from "./utils/notifications"
import { createPublishableKeyHeader } from "./utils/store"
import { storeClient } from "./utils/store-session"

jest.setTimeout(180 * 1000)

const STRONG = "Reference-Passw0rd!"
const CHOSEN = "Chosen-By-Pat-1!"

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

// One person per test: "forgot password" and sign-in are limited per email.
let PERSON = "pat@example.com"
let people = 0

/**
 * Issue 14 #1: a B2B reference's login gets a password the way the
 * customer page gives one (enter it, generate and send, reset link,
 * activation link), through the customer page's own workflows; the list
 * says what state the login is in; one password serves every account.
 */
medusaIntegrationTestRunner({
  inApp: true,
  env: {},
  testSuite: ({ api, getContainer }) => {
    let store: ReturnType<typeof storeClient>
    let headers: Record<string, string>
    let acme: string
    let globex: string

    const admin = {
      post: (path: string, body: unknown = {}) =>
        api.post(path, body, { headers }).catch(failure),
      get: (path: string) => api.get(path, { headers }).catch(failure),
    }

    beforeEach(async () => {
      PERSON = `pat-${++people}@example.com`
      const container = getContainer()
      store = storeClient(api, await createPublishableKeyHeader(container))
      ;({ headers } = await createAdminAndSignIn(container, api))
      const customers = container.resolve(Modules.CUSTOMER)
      acme = (
        await customers.createCustomers({
          email: "orders@acme.test",
          company_name: "Acme Corp",
        })
      ).id
      globex = (
        await customers.createCustomers({
          email: "orders@globex.test",
          company_name: "Globex",
        })
      ).id
    })

    const addPerson = async (customerId = acme) => {
      const added = await admin.post(
        `/admin/customers/${customerId}/references`,
        { email: PERSON, display_name: "Pat" }
      )
      expect(added.status).toBe(201)
      return added.data.reference.id as string
    }

    const action = (
      referenceId: string,
      name: "password" | "generate" | "reset-password" | "send-activation",
      body: unknown = {},
      customerId = acme
    ) =>
      admin.post(
        `/admin/customers/${customerId}/references/${referenceId}/${name}`,
        body
      )

    const listed = async (customerId = acme) =>
      (await admin.get(`/admin/customers/${customerId}/references`)).data
        .references as Record<string, unknown>[]

    const signIn = (password: string) =>
      store.post("/store/credentials/login", { identifier: PERSON, password })

    const allowManualEntry = () =>
      admin.post("/admin/credential-settings", { allow_manual_entry: true })

    const auditOf = (customerId: string) =>
      credentialsService(getContainer()).listCredentialEvents(
        { customer_id: customerId },
        { order: { created_at: "ASC" } }
      )

    const lastEmail = async (template: string) => {
      const emails = (await emailsTo(getContainer(), PERSON)).filter(
        (email) => email.template === template
      )
      expect(emails.length).toBeGreaterThan(0)
      return emails[emails.length - 1]
    }

    const tokenOf = (url: string) => new URL(url).searchParams.get("token")!

    /** Core's password update with a reset (or activation) token. */
    const choosePassword = (token: string, password: string) =>
      api
        .post(
          "/auth/customer/emailpass/update",
          { password },
          { headers: { authorization: `Bearer ${token}` } }
        )
        .catch(failure)

    it("lists a new person as having no password yet, and Send activation lets them choose one", async () => {
      const referenceId = await addPerson()
      expect(await listed()).toEqual([
        expect.objectContaining({
          id: referenceId,
          email: PERSON,
          has_password: false,
          locked: false,
          last_signed_in_at: null,
        }),
      ])

      const sent = await action(referenceId, "send-activation")

      expect(sent.status).toBe(202)
      expect(sent.data.reference).toEqual(
        expect.objectContaining({ id: referenceId, has_password: false })
      )
      const email = await lastEmail("customer-account-activation")
      expect(email.data.text).toContain("Hello Pat,")
      // The company's customer number signs in as the company: not in it.
      expect(email.data.customer_number).toBeNull()
      const url = email.data.activation_url as string
      expect(JSON.stringify(sent.data)).not.toContain(tokenOf(url))
      expect((await emailsTo(getContainer(), "orders@acme.test")).length).toBe(
        0
      )

      expect((await choosePassword(tokenOf(url), CHOSEN)).status).toBe(200)
      expect((await signIn(CHOSEN)).status).toBe(200)
      expect(await listed()).toEqual([
        expect.objectContaining({
          has_password: true,
          email_confirmed: true,
          last_signed_in_at: expect.any(String),
        }),
      ])

      const audit = await auditOf(acme)
      const row = audit.find((e) => e.action === "reference_activation_sent")
      expect(row).toEqual(
        expect.objectContaining({
          actor_type: "user",
          metadata: expect.objectContaining({
            reference_id: referenceId,
            email: PERSON,
          }),
        })
      )
      expect(JSON.stringify(audit)).not.toContain(tokenOf(url))
      // The company itself got no number and no login.
      const [companyRow] = await credentialsService(
        getContainer()
      ).listCustomerCredentials({ customer_id: acme })
      expect(companyRow?.customer_number ?? null).toBeNull()
    })

    it("Generate and send emails the person a temporary password that signs in, never in the answer or the audit trail", async () => {
      const referenceId = await addPerson()

      const generated = await action(referenceId, "generate")

      expect(generated.status).toBe(200)
      expect(generated.data.reference).toEqual(
        expect.objectContaining({ id: referenceId, has_password: true })
      )
      const email = await lastEmail("customer-credentials-generated")
      const password = email.data.password as string
      expect(password.length).toBeGreaterThanOrEqual(12)
      expect(email.data.customer_number).toBeNull()
      expect(JSON.stringify(generated.data)).not.toContain(password)

      const signedIn = await signIn(password)
      expect(signedIn.status).toBe(200)
      expect(signedIn.data.must_change_password).toBe(true)

      const audit = await auditOf(acme)
      expect(audit.map((e) => e.action)).toContain(
        "reference_credentials_generated"
      )
      expect(JSON.stringify(audit)).not.toContain(password)
    })

    it("Enter password is refused while Allow Manual Entry is off, refuses a weak or mistyped one, and then sets one password for every company", async () => {
      const referenceId = await addPerson()

      const off = await action(referenceId, "password", {
        password: STRONG,
        confirm_password: STRONG,
      })
      expect(off.status).toBe(403)
      expect(off.data.message).toMatch(/Allow Manual Entry/)

      await allowManualEntry()
      const weak = await action(referenceId, "password", {
        password: "short",
        confirm_password: "short",
      })
      expect(weak.status).toBe(400)
      expect(weak.data.message).toContain("at least 8 characters")
      const typo = await action(referenceId, "password", {
        password: STRONG,
        confirm_password: `${STRONG}x`,
      })
      expect(typo.status).toBe(400)
      expect(typo.data.message).toMatch(/differ/)
      expect((await signIn(STRONG)).status).toBe(401)

      const set = await afterSubscribers<AxiosResponse>(
        getContainer(),
        CredentialsEvents.PASSWORD_CHANGED,
        () =>
          action(referenceId, "password", {
            password: STRONG,
            confirm_password: STRONG,
          })
      )
      expect(set.status).toBe(200)
      expect(set.data.reference).toEqual(
        expect.objectContaining({ has_password: true })
      )
      // "Password changed" goes to the person, not to the company.
      expect(await lastEmail("customer-password-changed")).toBeTruthy()
      expect((await emailsTo(getContainer(), "orders@acme.test")).length).toBe(
        0
      )
      expect((await signIn(STRONG)).status).toBe(200)

      // The same login on a second company: the password serves it too.
      const added = await admin.post(`/admin/customers/${globex}/references`, {
        email: PERSON,
      })
      expect(added.data.has_password).toBe(true)
      expect(await listed(globex)).toEqual([
        expect.objectContaining({ email: PERSON, has_password: true }),
      ])
      const login = await signIn(STRONG)
      expect(login.data.account_selection_required).toBe(true)
      const chosen = await store.post(
        "/store/credentials/select-account",
        { customer_id: globex },
        login.data.token
      )
      expect(chosen.status).toBe(200)
      expect(
        (await store.get("/store/customers/me", chosen.data.token)).data
          .customer.id
      ).toBe(globex)

      const audit = await auditOf(acme)
      expect(audit.map((e) => e.action)).toContain("reference_password_set")
      expect(JSON.stringify(audit)).not.toContain(STRONG)
    })

    it("a person signs in with their email even when the company's own login signs in with its customer number only", async () => {
      // The company's own login, made by a backoffice activation: by the
      // store's default it signs in with the company's customer number only.
      const activation = await admin.post(
        `/admin/customers/${acme}/credentials/send-activation`
      )
      expect(activation.status).toBe(202)
      const [companyRow] = await credentialsService(
        getContainer()
      ).listCustomerCredentials({ customer_id: acme })
      expect(companyRow.sign_in_with).toBe("customer_number")

      const referenceId = await addPerson()
      expect((await action(referenceId, "generate")).status).toBe(200)
      const password = (await lastEmail("customer-credentials-generated")).data
        .password as string

      // The person's login is not the company's: it has no customer number
      // of its own, and its email is what it signs in with.
      const signedIn = await signIn(password)
      expect(signedIn.status).toBe(200)
      // It is told so, and is not told the company's number.
      const me = await store.get(
        "/store/credentials/me",
        signedIn.data.token as string
      )
      expect(me.data.login).toEqual(
        expect.objectContaining({
          sign_in_with: ["email"],
          customer_number: null,
        })
      )
      const core = await api
        .post("/auth/customer/emailpass", { email: PERSON, password })
        .catch(failure)
      expect(core.status).toBe(200)
    })

    it("Send reset link emails the person a single-use link", async () => {
      const referenceId = await addPerson()
      await action(referenceId, "generate")

      const reset = await afterSubscribers<AxiosResponse>(
        getContainer(),
        "auth.password_reset",
        () => action(referenceId, "reset-password")
      )

      expect(reset.status).toBe(202)
      const email = await lastEmail("customer-password-reset")
      const token = tokenOf(email.data.reset_url as string)
      expect(JSON.stringify(reset.data)).not.toContain(token)
      expect((await choosePassword(token, CHOSEN)).status).toBe(200)
      expect((await signIn(CHOSEN)).status).toBe(200)
      expect((await choosePassword(token, STRONG)).status).toBe(401)
      expect((await auditOf(acme)).map((e) => e.action)).toContain(
        "reference_password_reset_requested"
      )
    })

    it("answers 404 for a reference of another customer, and 400 for a body an action takes none of", async () => {
      const referenceId = await addPerson(globex)
      await allowManualEntry()

      for (const name of [
        "generate",
        "reset-password",
        "send-activation",
      ] as const) {
        const foreign = await action(referenceId, name, {}, acme)
        expect(foreign.status).toBe(404)
        expect(foreign.data.message).toMatch(/not found/)
      }
      const foreign = await action(
        referenceId,
        "password",
        { password: STRONG, confirm_password: STRONG },
        acme
      )
      expect(foreign.status).toBe(404)
      expect((await signIn(STRONG)).status).toBe(401)
      expect((await emailsTo(getContainer(), PERSON)).length).toBe(0)

      const extra = await action(referenceId, "generate", { email: "x@y.z" })
      expect(extra.status).toBe(400)
      const unknownField = await action(referenceId, "password", {
        password: STRONG,
        confirm_password: STRONG,
        email_confirmed: true,
      })
      expect(unknownField.status).toBe(400)
    })

    it("waits for the login's password lock before it sets the password", async () => {
      const referenceId = await addPerson()
      await allowManualEntry()
      const locking = getContainer().resolve(Modules.LOCKING)
      const key = passwordLockKey(PERSON)
      await locking.acquire(key, { ownerId: "test", expire: 60 })

      let settled = false
      const set = action(referenceId, "password", {
        password: STRONG,
        confirm_password: STRONG,
      }).finally(() => {
        settled = true
      })
      await sleep(1_500)
      expect(settled).toBe(false)
      expect((await signIn(STRONG)).status).toBe(401)

      await locking.release(key, { ownerId: "test" })
      expect((await set).status).toBe(200)
      expect((await signIn(STRONG)).status).toBe(200)
    })
  },
})
