import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { passwordLockKey } from "../../src/workflows/shared/utils/password-lock-key"
import { createAdminAndSignIn } from "./utils/admin"
import { credentialsService } from "./utils/credentials"
import { createCustomer, createRegisteredCustomer } from "./utils/customers"
import {
  afterOutboxQuiet,
  afterSubscribers,
  emailsTo,
} from "./utils/notifications"
import { createPublishableKeyHeader } from "./utils/store"
import { STORE_PASSWORD, storeClient } from "./utils/store-session"

jest.setTimeout(180 * 1000)

/** Six different passwords, all meeting the store's default policy. */
const PASSWORDS = [1, 2, 3, 4, 5, 6].map((n) => `Raced-Passw0rd-${n}!`)

const tokenOf = (url: string) => new URL(url).searchParams.get("token")!

/**
 * "A reset or activation link works once, however many times it is sent at
 * once" (docs/security.md): core lists the token and then deletes it, so
 * the plugin runs its update route under the login's password lock, the
 * lock activation takes too.
 */
medusaIntegrationTestRunner({
  inApp: true,
  env: {},
  testSuite: ({ api, getContainer }) => {
    let store: ReturnType<typeof storeClient>
    let headers: Record<string, string>

    beforeEach(async () => {
      store = storeClient(api, await createPublishableKeyHeader(getContainer()))
      ;({ headers } = await createAdminAndSignIn(getContainer(), api))
    })

    const update = (token: string, password: string) =>
      store.post("/auth/customer/emailpass/update", { password }, token)

    const activate = (token: string, password: string) =>
      store.post("/store/credentials/activate", { token, password })

    /** Whether the password is the login's (core's provider, no gates). */
    const opens = async (email: string, password: string) =>
      (
        await getContainer()
          .resolve(Modules.AUTH)
          .authenticate("emailpass", { body: { email, password } })
      ).success

    const sleep = (ms: number) =>
      new Promise((resolve) => setTimeout(resolve, ms))

    /**
     * Sends the requests with the link's token row held (FOR UPDATE) until
     * one of them waits to delete it and the others had time to catch up:
     * core reads the row freely and deletes it after, so without the
     * plugin's lock every request has read the live token by then.
     */
    const race = async <T>(send: () => Promise<T>[]): Promise<T[]> => {
      const knex = getContainer().resolve<Knex>(
        ContainerRegistrationKeys.PG_CONNECTION
      )
      const trx = await knex.transaction()
      await trx.raw("select id from auth_password_reset_token for update")
      const pending = Promise.all(send())
      const waiting = async () =>
        Number(
          (
            await knex.raw(
              "select count(*) as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock' and query ilike '%auth_password_reset_token%'"
            )
          ).rows[0].n
        )
      for (let i = 0; i < 100 && (await waiting()) === 0; i++) {
        await sleep(100)
      }
      await sleep(2_000)
      await trx.rollback()
      return pending
    }

    const eventsOf = (customer_id: string) =>
      credentialsService(getContainer()).listCredentialEvents({ customer_id })

    it("a reset link sent six times at once changes the password once", async () => {
      const email = "race-reset@example.com"
      const customer = await createRegisteredCustomer(getContainer(), {
        email,
        password: STORE_PASSWORD,
      })
      await afterSubscribers(getContainer(), "auth.password_reset", () =>
        store.post("/auth/customer/emailpass/reset-password", {
          identifier: email,
        })
      )
      const [mail] = await emailsTo(getContainer(), email)
      const token = tokenOf(mail.data!.reset_url as string)

      const answers = await race(() =>
        PASSWORDS.map((password) => update(token, password))
      )
      await afterOutboxQuiet(getContainer())

      const statuses = answers.map((answer) => answer.status)
      expect(statuses.filter((status) => status === 200)).toHaveLength(1)
      expect(statuses.filter((status) => status !== 200).sort()).toEqual([
        401, 401, 401, 401, 401,
      ])
      const winner = PASSWORDS[statuses.indexOf(200)]
      expect(await opens(email, winner)).toBe(true)
      for (const password of [STORE_PASSWORD, ...PASSWORDS]) {
        if (password !== winner) {
          expect(await opens(email, password)).toBe(false)
        }
      }
      const resets = (await eventsOf(customer.id)).filter(
        (event) => event.action === "password_reset"
      )
      expect(resets).toHaveLength(1)
    })

    it.each([
      ["the update route six times", () => false],
      ["the update route and activate", (i: number) => i % 2 === 1],
    ])(
      "an activation link sent at once to %s activates once",
      async (_, toActivate) => {
        const email = `race-activation-${toActivate(1) ? "mixed" : "update"}@example.com`
        const customer = await createCustomer(getContainer(), { email })
        const sent = await api.post(
          `/admin/customers/${customer.id}/credentials/send-activation`,
          {},
          { headers }
        )
        expect(sent.status).toBe(202)
        const [mail] = await emailsTo(getContainer(), email)
        const token = tokenOf(mail.data!.activation_url as string)

        const answers = await race(() =>
          PASSWORDS.map((password, i) =>
            toActivate(i) ? activate(token, password) : update(token, password)
          )
        )
        await afterOutboxQuiet(getContainer())

        const statuses = answers.map((answer) => answer.status)
        expect(statuses.filter((status) => status === 200)).toHaveLength(1)
        // The others: core's 401 (update) or "link used or invalid" (activate).
        answers.forEach((answer, i) => {
          if (answer.status !== 200) {
            expect(answer.status).toBe(toActivate(i) ? 400 : 401)
          }
        })
        const winner = PASSWORDS[statuses.indexOf(200)]
        expect(await opens(email, winner)).toBe(true)
        for (const password of PASSWORDS) {
          if (password !== winner) {
            expect(await opens(email, password)).toBe(false)
          }
        }
        const changes = (await eventsOf(customer.id)).filter((event) =>
          ["password_reset", "activated"].includes(event.action)
        )
        expect(changes).toHaveLength(1)
        const [credential] = await credentialsService(
          getContainer()
        ).listCustomerCredentials({ customer_id: customer.id })
        expect(credential.registered_at).not.toBeNull()
        expect(credential.last_password_change_at).not.toBeNull()
      }
    )

    it("a reset that cannot get the login's password lock in time is refused with 409 and spends nothing", async () => {
      const email = "race-held@example.com"
      await createRegisteredCustomer(getContainer(), {
        email,
        password: STORE_PASSWORD,
      })
      await afterSubscribers(getContainer(), "auth.password_reset", () =>
        store.post("/auth/customer/emailpass/reset-password", {
          identifier: email,
        })
      )
      const [mail] = await emailsTo(getContainer(), email)
      const token = tokenOf(mail.data!.reset_url as string)
      const locking = getContainer().resolve(Modules.LOCKING)
      const ownerId = "test-held-password-lock"
      await locking.acquire(passwordLockKey(email), { ownerId, expire: 60 })

      const refused = await update(token, PASSWORDS[0])
      await locking.release(passwordLockKey(email), { ownerId })

      expect(refused.status).toBe(409)
      expect(refused.data.code).toBe("password_change_in_progress")
      expect(await opens(email, STORE_PASSWORD)).toBe(true)
      expect((await update(token, PASSWORDS[1])).status).toBe(200)
      expect(await opens(email, PASSWORDS[1])).toBe(true)
    })
  },
})
