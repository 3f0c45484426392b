import { createHash } from "node:crypto"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import type { MedusaContainer } from "@medusajs/framework/types"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import reconcileCredentialsJob, {
  RECONCILE_LOCK_KEY,
} from "../../src/jobs/reconcile-credentials"
import { reconcileCredentials } from "../../src/workflows/shared/utils/reconcile-credentials"
import { createAdminAndSignIn } from "./utils/admin"
import { credentialsService } from "./utils/credentials"
import { createCustomer, createRegisteredCustomer } from "./utils/customers"
import { afterSubscribers, emailsTo } from "./utils/notifications"
import { createPublishableKeyHeader } from "./utils/store"
import {
  activationTokenFrom,
  STORE_PASSWORD,
  storeClient,
} from "./utils/store-session"

jest.setTimeout(120 * 1000)

/**
 * The half states a server killed mid-flow leaves (Medusa's default workflow
 * engine keeps runs in memory and compensates nothing after a crash),
 * written as the crash leaves them, and the next attempt of the same action
 * (or the reconciliation job) that completes them. The fault-injection run
 * (`npm run test:crash`) finds them with real SIGKILLs.
 */
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

    const auth = (container: MedusaContainer) => container.resolve(Modules.AUTH)

    /** The login for the email: its identity and what it signs in as. */
    const loginOf = async (email: string) => {
      const [pi] = await auth(getContainer()).listProviderIdentities(
        { provider: "emailpass", entity_id: email },
        { select: ["auth_identity_id"] }
      )
      if (!pi) {
        return null
      }
      const identity = await auth(getContainer()).retrieveAuthIdentity(
        pi.auth_identity_id!,
        { select: ["id", "app_metadata"] }
      )
      return {
        id: identity.id,
        customer_id: (identity.app_metadata?.customer_id as string) ?? null,
      }
    }

    /**
     * What a registration killed between core's createCustomersStep and
     * setAuthAppMetadataStep leaves: the registrant's login (their password,
     * acting for nobody) and a customer marked registered that no login
     * signs in to.
     */
    const registrationKilledBeforeTheLink = async (
      email: string,
      password: string
    ) => {
      const { authIdentity } = await auth(getContainer()).register(
        "emailpass",
        { body: { email, password } } as never
      )
      const customer = (await getContainer()
        .resolve(Modules.CUSTOMER)
        .createCustomers({
          email,
          first_name: "Half",
          last_name: "Made",
          has_account: true,
        } as never)) as unknown as { id: string }
      return { login_id: authIdentity!.id, customer_id: customer.id }
    }

    const register = (body: Record<string, unknown>) =>
      afterSubscribers(getContainer(), "auth.verification_requested", () =>
        store.post("/store/credentials/register", body)
      )

    describe("registration killed between the customer and its login's link", () => {
      it("registering again with the same password links the same login to the same customer, and the person signs in after confirming", async () => {
        const email = "crash-same@example.com"
        const half = await registrationKilledBeforeTheLink(
          email,
          STORE_PASSWORD
        )

        const again = await register({
          email,
          password: STORE_PASSWORD,
          first_name: "Half",
          last_name: "Made",
        })
        expect(again.status).toBe(201)
        expect(again.data.next_step).toBe("confirm_email")
        // The login the registrant proved (their password, checked by
        // emailpass) is the one linked: nothing new, nothing left over.
        expect(await loginOf(email)).toEqual({
          id: half.login_id,
          customer_id: half.customer_id,
        })

        const admin = await api.get(
          `/admin/customers/${half.customer_id}/credentials`,
          { headers: adminHeaders }
        )
        expect(admin.data.credentials.is_registered).toBe(true)

        const [mail] = await emailsTo(getContainer(), email)
        const token = activationTokenFrom(mail.data!.text as string)
        expect(
          (await store.post("/store/credentials/activate", { token })).status
        ).toBe(200)
        const signedIn = await store.post("/store/credentials/login", {
          identifier: email,
          password: STORE_PASSWORD,
        })
        expect(signedIn.status).toBe(200)
      })

      it("registering again with another password never adopts the unproven login: a new login is made for the customer, and the first password opens nothing", async () => {
        const email = "crash-other@example.com"
        const half = await registrationKilledBeforeTheLink(
          email,
          "Someone-Elses-Passw0rd!"
        )

        const again = await register({
          email,
          password: STORE_PASSWORD,
          first_name: "New",
          last_name: "Owner",
        })
        expect(again.status).toBe(201)
        const login = await loginOf(email)
        expect(login?.id).not.toBe(half.login_id)
        expect(login?.customer_id).toBe(half.customer_id)
        expect(
          await auth(getContainer()).listAuthIdentities({
            id: [half.login_id],
          })
        ).toEqual([])
        const old = await auth(getContainer())
          .authenticate("emailpass", {
            body: { email, password: "Someone-Elses-Passw0rd!" },
          } as never)
          .catch(() => ({ success: false }))
        expect(old.success).toBe(false)
      })
    })

    describe("backoffice activation killed while it writes", () => {
      it("keeps its link working until its last write (a crash after the password is set leaves the link live), and the next click finishes", async () => {
        const email = "activate-crash@example.com"
        const customer = await createCustomer(getContainer(), { email })
        const sent = await api.post(
          `/admin/customers/${customer.id}/credentials/send-activation`,
          {},
          { headers: adminHeaders }
        )
        expect(sent.status).toBe(202)
        const [mail] = await emailsTo(getContainer(), email)
        const token = activationTokenFrom(mail.data!.text as string)
        const { jti } = JSON.parse(
          Buffer.from(token.split(".")[1], "base64url").toString()
        )
        const knex = getContainer().resolve(
          ContainerRegistrationKeys.PG_CONNECTION
        )
        const linkRows = async () =>
          Number(
            (
              await knex("auth_password_reset_token")
                .where(
                  "token_hash",
                  createHash("sha256").update(jti).digest("hex")
                )
                .count("id as n")
            )[0].n
          )
        const hash = async () =>
          (
            await knex("provider_identity")
              .where({ provider: "emailpass", entity_id: email })
              .first("provider_metadata")
          )?.provider_metadata?.password
        const before = await hash()
        expect(await linkRows()).toBe(1)

        // The activation stops at its credential row (held by this
        // transaction) after setting the password: what a server killed
        // there leaves, read while it waits.
        const trx = await knex.transaction()
        await trx.raw(
          "select id from customer_credential where customer_id = ? for update",
          [customer.id]
        )
        const pending = store.post("/store/credentials/activate", {
          token,
          password: STORE_PASSWORD,
        })
        for (let i = 0; i < 100 && (await hash()) === before; i++) {
          await new Promise((resolve) => setTimeout(resolve, 100))
        }
        expect(await hash()).not.toBe(before)
        expect(await linkRows()).toBe(1)
        await trx.rollback()

        expect((await pending).status).toBe(200)
        expect(await linkRows()).toBe(0)
        // With its customer number: the store's default for a backoffice
        // activation.
        expect(
          (
            await store.post("/store/credentials/login", {
              identifier: sent.data.credentials.customer_number,
              password: STORE_PASSWORD,
            })
          ).status
        ).toBe(200)
        expect(
          (
            await store.post("/store/credentials/activate", {
              token,
              password: STORE_PASSWORD,
            })
          ).status
        ).toBe(400)
      })
    })

    describe("the reconciliation job", () => {
      /** An hour from now: every half state is older than the grace period. */
      const later = () => new Date(Date.now() + 3600_000)

      it("unlinks a login from a customer that was deleted before the tidy-up ran, and removes the customer's credential row: the email registers again", async () => {
        const email = "deleted-mid-way@example.com"
        const customer = await createRegisteredCustomer(getContainer(), {
          email,
          password: STORE_PASSWORD,
        })
        await credentialsService(getContainer()).createCustomerCredentials({
          customer_id: customer.id,
        })
        // Core's deletion ran; the server died before the plugin's tidy-up.
        await getContainer()
          .resolve(Modules.CUSTOMER)
          .softDeleteCustomers([customer.id])

        const refused = await store.post("/store/credentials/register", {
          email,
          password: STORE_PASSWORD,
          first_name: "Back",
          last_name: "Again",
        })
        expect(refused.status).toBe(409)

        const report = await reconcileCredentials(getContainer(), {
          now: later(),
        })
        expect(report).toMatchObject({
          logins_of_missing_customers: 1,
          logins_deleted: 1,
          unfinished_registrations: 0,
        })
        expect(await loginOf(email)).toBeNull()
        expect(
          await credentialsService(getContainer()).listCustomerCredentials({
            customer_id: customer.id,
          })
        ).toEqual([])

        const registered = await register({
          email,
          password: STORE_PASSWORD,
          first_name: "Back",
          last_name: "Again",
        })
        expect(registered.status).toBe(201)
        const relinked = await loginOf(email)
        expect(relinked?.customer_id).toEqual(expect.any(String))
        expect(relinked?.customer_id).not.toBe(customer.id)

        // Idempotent: a second run finds nothing left to repair.
        expect(
          await reconcileCredentials(getContainer(), { now: later() })
        ).toMatchObject({
          logins_of_missing_customers: 0,
          logins_deleted: 0,
          credential_rows_of_missing_customers: 0,
        })
      })

      it("reports a registration stopped halfway (never adopting its unproven login), and stops reporting it once registering again finished it", async () => {
        const email = "reported@example.com"
        const half = await registrationKilledBeforeTheLink(
          email,
          STORE_PASSWORD
        )
        const report = await reconcileCredentials(getContainer(), {
          now: later(),
        })
        expect(report.unfinished_registrations).toBe(1)
        expect(report.unfinished_customer_ids).toEqual([half.customer_id])
        // Reported, not repaired: nothing proves whose password it is.
        expect(await loginOf(email)).toEqual({
          id: half.login_id,
          customer_id: null,
        })
        // Not within the grace period (a registration may be running).
        expect(
          (await reconcileCredentials(getContainer())).unfinished_registrations
        ).toBe(0)

        expect(
          (
            await register({
              email,
              password: STORE_PASSWORD,
              first_name: "Half",
              last_name: "Made",
            })
          ).status
        ).toBe(201)
        expect(
          (await reconcileCredentials(getContainer(), { now: later() }))
            .unfinished_registrations
        ).toBe(0)
      })

      it("marks a customer whose own login is linked but who was not marked registered (a manual entry killed between the link and the mark), and only that customer", async () => {
        const customers = getContainer().resolve(Modules.CUSTOMER)
        const own = await createRegisteredCustomer(getContainer(), {
          email: "Half.Marked@example.com",
          password: STORE_PASSWORD,
        })
        // A B2B company whose login belongs to another email: not its own.
        const company = await createCustomer(getContainer(), {
          email: "company@example.com",
        })
        const { authIdentity } = await auth(getContainer()).register(
          "emailpass",
          {
            body: { email: "person@example.com", password: STORE_PASSWORD },
          } as never
        )
        await auth(getContainer()).updateAuthIdentities({
          id: authIdentity!.id,
          app_metadata: { customer_id: company.id },
        })
        await customers.updateCustomers(own.id, {
          has_account: false,
        } as never)
        const hasAccount = async (id: string) =>
          (await customers.retrieveCustomer(id, { select: ["has_account"] }))
            .has_account

        // Not within the grace period (the flow may still be running).
        expect(
          (await reconcileCredentials(getContainer()))
            .accounts_marked_registered
        ).toBe(0)
        expect(await hasAccount(own.id)).toBe(false)

        expect(
          (await reconcileCredentials(getContainer(), { now: later() }))
            .accounts_marked_registered
        ).toBe(1)
        expect(await hasAccount(own.id)).toBe(true)
        expect(await hasAccount(company.id)).toBe(false)
        // Idempotent.
        expect(
          (await reconcileCredentials(getContainer(), { now: later() }))
            .accounts_marked_registered
        ).toBe(0)
      })

      it("runs once at a time: while another instance holds its lock, a run skips; then it runs", async () => {
        const locking = getContainer().resolve(Modules.LOCKING)
        await locking.acquire(RECONCILE_LOCK_KEY, {
          ownerId: "another-instance",
          expire: 60,
        })
        expect(await reconcileCredentialsJob(getContainer())).toEqual({
          skipped: true,
        })
        await locking.release(RECONCILE_LOCK_KEY, {
          ownerId: "another-instance",
        })
        expect(await reconcileCredentialsJob(getContainer())).toMatchObject({
          logins_of_missing_customers: 0,
        })
      })
    })
  },
})
