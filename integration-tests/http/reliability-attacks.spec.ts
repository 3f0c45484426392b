import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { createAdminAndSignIn } from "./utils/admin"
import { credentialsService, failure } from "./utils/credentials"
import { emailsTo } from "./utils/notifications"
import { createRegisteredCustomer } from "./utils/customers"
import { createPublishableKeyHeader } from "./utils/store"
import { STORE_PASSWORD, storeClient } from "./utils/store-session"

jest.setTimeout(10 * 60 * 1000)

const ATTEMPTS = 1000
const IN_FLIGHT = 20

medusaIntegrationTestRunner({
  inApp: true,
  env: {},
  testSuite: ({ api, getContainer }) => {
    let store: ReturnType<typeof storeClient>

    beforeEach(async () => {
      store = storeClient(api, await createPublishableKeyHeader(getContainer()))
    })

    const signIn = (identifier: string, password = STORE_PASSWORD) =>
      store.post("/store/credentials/login", { identifier, password })

    it(`locks one account after ${ATTEMPTS} wrong passwords in bursts of ${IN_FLIGHT}, and only that one; the lock lifts after its window`, async () => {
      const ann = await createRegisteredCustomer(getContainer(), {
        email: "ann@example.com",
        password: STORE_PASSWORD,
      })
      await createRegisteredCustomer(getContainer(), {
        email: "bob@example.com",
        password: STORE_PASSWORD,
      })

      const statuses: number[] = []
      const bystander: number[] = []
      for (let sent = 0; sent < ATTEMPTS; sent += IN_FLIGHT) {
        const burst = await Promise.all(
          Array.from({ length: IN_FLIGHT }, (_, i) =>
            signIn("ann@example.com", `Guess-${sent + i}-Passw0rd!`)
          )
        )
        statuses.push(...burst.map((response) => response.status))
        if (sent % 100 === 0) {
          // Another account signs in normally during the attack.
          bystander.push((await signIn("bob@example.com")).status)
        }
      }

      expect(statuses).toHaveLength(ATTEMPTS)
      expect(new Set(statuses)).toEqual(new Set([401, 429]))
      const wrongPasswordAnswers = statuses.filter((s) => s === 401).length
      // Exactly the threshold (5) is checked, even with 20 guesses in flight
      // at once: the attempt counts before the password is checked.
      expect(wrongPasswordAnswers).toBe(5)
      expect(statuses.slice(IN_FLIGHT)).toEqual(
        Array(ATTEMPTS - IN_FLIGHT).fill(429)
      )
      expect(bystander).toEqual(Array(ATTEMPTS / 100).fill(200))

      // The right password does not get through the lock either.
      const stillLocked = await signIn("ann@example.com")
      expect(stillLocked.status).toBe(429)
      expect(stillLocked.data.code).toBe("too_many_attempts")

      // Controlled clock: the lock window is over.
      const service = credentialsService(getContainer())
      const [row] = await service.listCustomerCredentials({
        customer_id: ann.id,
      })
      expect(row.locked_until!.getTime()).toBeGreaterThan(Date.now())
      await service.updateCustomerCredentials({
        id: row.id,
        locked_until: new Date(Date.now() - 1000),
      })
      expect((await signIn("ann@example.com")).status).toBe(200)
      process.stdout.write(
        `brute force: ${ATTEMPTS} guesses, ${wrongPasswordAnswers} answered 401 before the lock, ${ATTEMPTS - wrongPasswordAnswers} refused with 429; bystander ${bystander.length}/${bystander.length} signed in\n`
      )
    })

    it("20 simultaneous reset requests for one customer leave exactly one valid token", async () => {
      const customer = await createRegisteredCustomer(getContainer(), {
        email: "reset-race@example.com",
        password: STORE_PASSWORD,
      })
      const { headers } = await createAdminAndSignIn(getContainer(), api)
      const responses = await Promise.all(
        Array.from({ length: 20 }, () =>
          api
            .post(
              `/admin/customers/${customer.id}/credentials/reset-password`,
              {},
              { headers }
            )
            .catch(failure)
        )
      )
      expect(responses.map((response) => response.status)).toEqual(
        Array(20).fill(202)
      )

      const pg = getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION)
      const tokens = await pg.raw(
        `SELECT count(*)::int AS count FROM auth_password_reset_token WHERE entity_id = ? AND deleted_at IS NULL AND expires_at > now()`,
        ["reset-race@example.com"]
      )
      expect(tokens.rows[0].count).toBe(1)

      // The storefront's forgot-password route (core's, behind the plugin's
      // gates), 20 at once: one valid token again. The per-email limit
      // refuses some with 429; every answer is 201 or 429.
      const forgot = await Promise.all(
        Array.from({ length: 20 }, () =>
          store.post("/auth/customer/emailpass/reset-password", {
            identifier: "reset-race@example.com",
          })
        )
      )
      expect(
        forgot.every((response) => [201, 429].includes(response.status))
      ).toBe(true)
      const accepted = forgot.filter((response) => response.status === 201)
      expect(accepted.length).toBeGreaterThan(0)
      // The route answers first and issues the token after: wait for the
      // emails (twenty from the admin above, one per accepted request).
      const deadline = Date.now() + 30_000
      while (
        (await emailsTo(getContainer(), "reset-race@example.com")).filter(
          (email) => email.template === "customer-password-reset"
        ).length <
        20 + accepted.length
      ) {
        expect(Date.now()).toBeLessThan(deadline)
        await new Promise((resolve) => setTimeout(resolve, 100))
      }
      const afterForgot = await pg.raw(
        `SELECT count(*)::int AS count FROM auth_password_reset_token WHERE entity_id = ? AND deleted_at IS NULL AND expires_at > now()`,
        ["reset-race@example.com"]
      )
      expect(afterForgot.rows[0].count).toBe(1)
    })

    it("an admin's generate and the customer's own change sent at once leave the generated password in force, the row saying so, and an audit row for each change made", async () => {
      const container = getContainer()
      const { headers } = await createAdminAndSignIn(container, api)
      const NEW_PASSWORD = "Chosen-By-Me-9!"
      const RACES = 5
      const customers = await Promise.all(
        Array.from({ length: RACES }, (_, i) =>
          createRegisteredCustomer(container, {
            email: `race-${i}@example.com`,
            password: STORE_PASSWORD,
          })
        )
      )
      const sessions = await Promise.all(
        customers.map(async (customer) => {
          const response = await signIn(customer.email)
          expect(response.status).toBe(200)
          return response.data.token as string
        })
      )

      // Every pair at once: ten requests in flight.
      const answers = await Promise.all(
        customers.flatMap((customer, i) => [
          api
            .post(
              `/admin/customers/${customer.id}/credentials/generate`,
              {},
              { headers }
            )
            .catch(failure),
          store.post(
            "/store/customers/me/password",
            { current_password: STORE_PASSWORD, new_password: NEW_PASSWORD },
            sessions[i]
          ),
        ])
      )

      for (const [i, customer] of customers.entries()) {
        const [generate, change] = answers.slice(i * 2, i * 2 + 2)
        expect(generate.status).toBe(200)
        // The change either ran first (and generate replaced it) or after
        // generate, when the current password no longer matched.
        expect([200, 400]).toContain(change.status)

        const email = (await emailsTo(container, customer.email)).find(
          (sent) => sent.template === "customer-credentials-generated"
        )!
        const generated = /Temporary password: (\S+)/.exec(
          email.data!.text as string
        )![1]
        const withGenerated = await signIn(customer.email, generated)
        expect(withGenerated.status).toBe(200)
        expect(withGenerated.data.must_change_password).toBe(true)
        expect((await signIn(customer.email, NEW_PASSWORD)).status).toBe(401)

        const state = await api
          .get(`/admin/customers/${customer.id}/credentials`, { headers })
          .catch(failure)
        expect(state.data.credentials.must_change_password).toBe(true)

        const events = await credentialsService(container).listCredentialEvents(
          {
            customer_id: customer.id,
            action: ["credentials_generated", "password_changed"],
          }
        )
        expect(events.map((event) => event.action).sort()).toEqual(
          change.status === 200
            ? ["credentials_generated", "password_changed"]
            : ["credentials_generated"]
        )
      }
    })

    it("20 simultaneous registrations with one email create exactly one account", async () => {
      const responses = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          store.post("/store/credentials/register", {
            email: "race@example.com",
            password: STORE_PASSWORD,
            first_name: `Racer${i}`,
            last_name: "Test",
          })
        )
      )
      const statuses = responses.map((response) => response.status).sort()
      expect(statuses).toEqual([201, ...Array(19).fill(409)])

      const pg = getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION)
      const customers = await pg.raw(
        `SELECT count(*)::int AS count FROM customer WHERE email = ? AND deleted_at IS NULL`,
        ["race@example.com"]
      )
      expect(customers.rows[0].count).toBe(1)
      const identities = await pg.raw(
        `SELECT count(*)::int AS count FROM provider_identity WHERE entity_id = ? AND provider = 'emailpass' AND deleted_at IS NULL`,
        ["race@example.com"]
      )
      expect(identities.rows[0].count).toBe(1)
      const credentials = await pg.raw(
        `SELECT count(*)::int AS count FROM customer_credential cc JOIN customer c ON c.id = cc.customer_id WHERE c.email = ? AND cc.deleted_at IS NULL`,
        ["race@example.com"]
      )
      expect(credentials.rows[0].count).toBe(1)
    })
  },
})
