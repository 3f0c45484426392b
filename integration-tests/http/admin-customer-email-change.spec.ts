import { Modules } from "@medusajs/framework/utils"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { createAdminAndSignIn } from "./utils/admin"
import { credentialsService, failure } from "./utils/credentials"
import { createCustomer, createRegisteredCustomer } from "./utils/customers"
import {
  afterOutboxQuiet,
  afterSubscribers,
  emailsTo,
} from "./utils/notifications"
import { spellingsOf } from "./utils/route-matrix"
import { createPublishableKeyHeader } from "./utils/store"
import { STORE_PASSWORD, storeClient, tokenFrom } from "./utils/store-session"

jest.setTimeout(240 * 1000)

// One set of emails per test: sign-in and "forgot password" are limited per email.
let run = 0

/**
 * An admin changing a customer's email through core's
 * `POST /admin/customers/:id` (the admin's Edit customer) takes the
 * customer's own password login to the new email: the old mailbox no longer
 * signs in or recovers the account, its sessions and reset links end.
 */
medusaIntegrationTestRunner({
  inApp: true,
  env: {},
  testSuite: ({ api, getContainer }) => {
    let store: ReturnType<typeof storeClient>
    let headers: Record<string, string>
    let OLD: string
    let NEW: string

    beforeEach(async () => {
      run++
      OLD = `ann-${run}@example.com`
      NEW = `ann-new-${run}@example.com`
      store = storeClient(api, await createPublishableKeyHeader(getContainer()))
      ;({ headers } = await createAdminAndSignIn(getContainer(), api))
    })

    const changeCustomer = (
      customerId: string,
      body: Record<string, unknown>,
      path = `/admin/customers/${customerId}`
    ) => api.post(path, body, { headers }).catch(failure)

    const pluginSignIn = (identifier: string, password = STORE_PASSWORD) =>
      store.post("/store/credentials/login", { identifier, password })

    const coreSignIn = (email: string, password = STORE_PASSWORD) =>
      store.post("/auth/customer/emailpass", { email, password })

    const forgot = (identifier: string) =>
      store.post("/auth/customer/emailpass/reset-password", { identifier })

    const customerEmail = async (customerId: string) =>
      (
        await getContainer()
          .resolve(Modules.CUSTOMER)
          .retrieveCustomer(customerId, { select: ["email"] })
      ).email

    const loginsFor = (email: string) =>
      getContainer()
        .resolve(Modules.AUTH)
        .listProviderIdentities({ provider: "emailpass", entity_id: email })

    const auditOf = (customerId: string) =>
      credentialsService(getContainer()).listCredentialEvents(
        { customer_id: customerId },
        { order: { created_at: "ASC" } }
      )

    it("moves the login to the new email: same password, the old email, its token and its reset link stop working", async () => {
      const customer = await createRegisteredCustomer(getContainer(), {
        email: OLD,
        password: STORE_PASSWORD,
        first_name: "Ann",
      })
      const oldToken = tokenFrom(await pluginSignIn(OLD))
      expect((await store.get("/store/customers/me", oldToken)).status).toBe(
        200
      )
      // A reset link emailed to the old address before the change.
      await afterSubscribers(getContainer(), "auth.password_reset", () =>
        forgot(OLD)
      )
      const resetEmails = await emailsTo(getContainer(), OLD)
      expect(resetEmails).toHaveLength(1)
      const resetToken = new URL(
        resetEmails[0].data!.reset_url as string
      ).searchParams.get("token")!

      const changed = await changeCustomer(customer.id, { email: NEW })
      expect(changed.status).toBe(200)
      expect(changed.data.customer).toEqual(
        expect.objectContaining({ id: customer.id, email: NEW })
      )

      // The new email signs in with the same password, on both routes.
      expect((await pluginSignIn(NEW)).status).toBe(200)
      expect((await coreSignIn(NEW)).status).toBe(200)
      // The old email does not.
      expect((await pluginSignIn(OLD)).status).toBe(401)
      expect((await coreSignIn(OLD)).status).toBe(401)
      // The token issued before is refused.
      expect((await store.get("/store/customers/me", oldToken)).status).toBe(
        401
      )
      // The reset link emailed to the old address no longer sets a password.
      const stolen = await store.post(
        "/auth/customer/emailpass/update",
        { password: "Stranger-Passw0rd!" },
        resetToken
      )
      expect(stolen.status).not.toBe(200)
      expect((await pluginSignIn(NEW, "Stranger-Passw0rd!")).status).toBe(401)
      expect((await pluginSignIn(NEW)).status).toBe(200)
      // "Forgot password" for the old email sends nothing.
      expect((await forgot(OLD)).status).toBe(201)
      await afterOutboxQuiet(getContainer())
      expect(await emailsTo(getContainer(), OLD)).toHaveLength(1)
      // ... and for the new one, a link that works.
      await afterSubscribers(getContainer(), "auth.password_reset", () =>
        forgot(NEW)
      )
      expect(await emailsTo(getContainer(), NEW)).toHaveLength(1)

      expect(await loginsFor(OLD)).toHaveLength(0)
      expect(await loginsFor(NEW)).toHaveLength(1)
      const audit = await auditOf(customer.id)
      const moved = audit.filter((e) => e.action === "login_email_changed")
      expect(moved).toEqual([
        expect.objectContaining({
          actor_type: "user",
          metadata: { previous_email: OLD, email: NEW },
        }),
      ])
      expect(JSON.stringify(audit)).not.toContain(STORE_PASSWORD)
    })

    it("answers 409 when the new email already has a login (in any case), and changes nothing", async () => {
      const customer = await createRegisteredCustomer(getContainer(), {
        email: OLD,
        password: STORE_PASSWORD,
      })
      const other = `bob-${run}@example.com`
      await createRegisteredCustomer(getContainer(), {
        email: other,
        password: "Bobs-Passw0rd!",
      })
      const token = tokenFrom(await pluginSignIn(OLD))

      for (const email of [other, other.toUpperCase()]) {
        const refused = await changeCustomer(customer.id, {
          email,
          first_name: "Changed",
        })
        expect(refused.status).toBe(409)
        expect(refused.data.message).toMatch(
          /already signs in to another login/
        )
      }

      expect(await customerEmail(customer.id)).toBe(OLD)
      const unchanged = await getContainer()
        .resolve(Modules.CUSTOMER)
        .retrieveCustomer(customer.id)
      expect(unchanged.first_name).not.toBe("Changed")
      expect((await pluginSignIn(OLD)).status).toBe(200)
      expect((await pluginSignIn(other, "Bobs-Passw0rd!")).status).toBe(200)
      expect((await store.get("/store/customers/me", token)).status).toBe(200)
      expect(
        (await auditOf(customer.id)).filter(
          (e) => e.action === "login_email_changed"
        )
      ).toHaveLength(0)
    })

    it("follows a change of case too (the login keeps the customer's spelling), and refuses removing the email", async () => {
      const customer = await createRegisteredCustomer(getContainer(), {
        email: OLD,
        password: STORE_PASSWORD,
      })
      const spelled = OLD.replace("ann", "Ann").replace("example", "Example")

      const removed = await changeCustomer(customer.id, { email: null })
      expect(removed.status).toBe(400)
      expect(removed.data.message).toMatch(/signs in with their email/)
      expect(await customerEmail(customer.id)).toBe(OLD)
      expect((await pluginSignIn(OLD)).status).toBe(200)

      const recased = await changeCustomer(customer.id, { email: spelled })
      expect(recased.status).toBe(200)
      expect(await customerEmail(customer.id)).toBe(spelled)
      expect(await loginsFor(OLD)).toHaveLength(0)
      expect(await loginsFor(spelled)).toHaveLength(1)
      expect((await pluginSignIn(spelled)).status).toBe(200)
    })

    it("undoes core's update when the login cannot be moved: nothing is left half done", async () => {
      const customer = await createRegisteredCustomer(getContainer(), {
        email: OLD,
        password: STORE_PASSWORD,
      })
      const token = tokenFrom(await pluginSignIn(OLD))
      // The auth module fails to move the login (as a lost connection would).
      const auth = getContainer().resolve(Modules.AUTH)
      const original = auth.updateProviderIdentities
      auth.updateProviderIdentities = (async () => {
        throw new Error("the auth module is unavailable")
      }) as never
      let failed: Awaited<ReturnType<typeof changeCustomer>>
      try {
        failed = await changeCustomer(customer.id, {
          email: NEW,
          first_name: "Changed",
        })
      } finally {
        auth.updateProviderIdentities = original
      }
      expect(failed.status).toBeGreaterThanOrEqual(400)

      const after = await getContainer()
        .resolve(Modules.CUSTOMER)
        .retrieveCustomer(customer.id)
      expect(after.email).toBe(OLD)
      expect(after.first_name).not.toBe("Changed")
      expect(await loginsFor(OLD)).toHaveLength(1)
      expect(await loginsFor(NEW)).toHaveLength(0)
      expect((await pluginSignIn(OLD)).status).toBe(200)
      expect((await store.get("/store/customers/me", token)).status).toBe(200)
      expect(
        (await auditOf(customer.id)).filter(
          (e) => e.action === "login_email_changed"
        )
      ).toHaveLength(0)
    })

    it("leaves a B2B reference's person's login where it is", async () => {
      const company = await createRegisteredCustomer(getContainer(), {
        email: OLD,
        password: STORE_PASSWORD,
      })
      const person = `pat-${run}@example.com`
      const added = await api
        .post(
          `/admin/customers/${company.id}/references`,
          { email: person, display_name: "Pat" },
          { headers }
        )
        .catch(failure)
      expect(added.status).toBe(201)
      const [personLogin] = await loginsFor(person)
      expect(personLogin).toBeDefined()

      const changed = await changeCustomer(company.id, { email: NEW })
      expect(changed.status).toBe(200)

      expect(await loginsFor(person)).toEqual([
        expect.objectContaining({
          id: personLogin.id,
          auth_identity_id: personLogin.auth_identity_id,
        }),
      ])
      expect(await loginsFor(OLD)).toHaveLength(0)
      expect((await pluginSignIn(NEW)).status).toBe(200)
    })

    it("is core's update alone for a customer without a login, and for an update that keeps the email", async () => {
      // Without a login: the email changes, no login appears.
      const guest = await createCustomer(getContainer(), { email: OLD })
      const changed = await changeCustomer(guest.id, {
        email: NEW,
        first_name: "Gail",
      })
      expect(changed.status).toBe(200)
      expect(changed.data.customer).toEqual(
        expect.objectContaining({ email: NEW, first_name: "Gail" })
      )
      expect(await loginsFor(OLD)).toHaveLength(0)
      expect(await loginsFor(NEW)).toHaveLength(0)
      expect(await auditOf(guest.id)).toHaveLength(0)

      // With a login, the same email: nothing about the login changes.
      const other = `bob-${run}@example.com`
      const customer = await createRegisteredCustomer(getContainer(), {
        email: other,
        password: STORE_PASSWORD,
      })
      const token = tokenFrom(await pluginSignIn(other))
      const same = await changeCustomer(customer.id, {
        email: other,
        last_name: "Builder",
      })
      expect(same.status).toBe(200)
      expect(same.data.customer.last_name).toBe("Builder")
      expect((await store.get("/store/customers/me", token)).status).toBe(200)
      expect((await pluginSignIn(other)).status).toBe(200)
      expect(
        (await auditOf(customer.id)).filter(
          (e) => e.action === "login_email_changed"
        )
      ).toHaveLength(0)
    })

    it("takes the login along on every spelling core answers for the route", async () => {
      const customer = await createRegisteredCustomer(getContainer(), {
        email: OLD,
        password: STORE_PASSWORD,
      })
      let current = OLD
      let answered = 0
      let spelling = 0
      for (const path of spellingsOf(`/admin/customers/${customer.id}`)) {
        const next = `ann-${run}-s${++spelling}@example.com`
        const response = await changeCustomer(
          customer.id,
          { email: next },
          path
        )
        if (response.status === 200) {
          answered++
          current = next
        }
        // Whatever core answered, the login is where the customer's email is.
        expect(await customerEmail(customer.id)).toBe(current)
        expect(await loginsFor(current)).toHaveLength(1)
      }
      expect(answered).toBeGreaterThan(3)
      expect((await pluginSignIn(current)).status).toBe(200)
      expect((await pluginSignIn(OLD)).status).toBe(401)
    })
  },
})
