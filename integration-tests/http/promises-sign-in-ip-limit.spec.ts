import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { credentialsService } from "./utils/credentials"
import { createRegisteredCustomer } from "./utils/customers"
import { createPublishableKeyHeader } from "./utils/store"
import { STORE_PASSWORD, storeClient } from "./utils/store-session"

jest.setTimeout(180 * 1000)

/** Small, so the test spends it quickly; one wrong password per account. */
const PER_IP = 12

/**
 * The per-address limit on sign-in failures counts wrong passwords for
 * real accounts too, not only unknown emails: one address trying one
 * password against many accounts (password spraying) reaches no account's
 * lock, and only this limit stops it. `rate-limits-as-shipped.spec.ts`
 * spends the limit with unknown emails. The limit is set on the running
 * module before the first sign-in makes its limiter, as the plugin option
 * `rate_limits.sign_in_failures_per_ip` would.
 */
medusaIntegrationTestRunner({
  inApp: true,
  env: {},
  testSuite: ({ api, getContainer }) => {
    let store: ReturnType<typeof storeClient>

    beforeAll(async () => {
      const options = await credentialsService(getContainer()).getOptions()
      options.rate_limits.sign_in_failures_per_ip = PER_IP
    })

    beforeEach(async () => {
      store = storeClient(api, await createPublishableKeyHeader(getContainer()))
    })

    it("wrong passwords for many real accounts from one address reach the per-address limit", async () => {
      const emails: string[] = []
      for (let i = 0; i <= PER_IP; i++) {
        const email = `sprayed-${i}@example.com`
        await createRegisteredCustomer(getContainer(), {
          email,
          password: STORE_PASSWORD,
        })
        emails.push(email)
      }

      const statuses: number[] = []
      for (const email of emails.slice(0, PER_IP)) {
        statuses.push(
          (
            await store.post("/store/credentials/login", {
              identifier: email,
              password: "Sprayed-Passw0rd!",
            })
          ).status
        )
      }
      expect(statuses).toEqual(Array(PER_IP).fill(401))

      // The address is refused now, a right password for an untouched account too.
      const refused = await store.post("/store/credentials/login", {
        identifier: emails[PER_IP],
        password: STORE_PASSWORD,
      })
      expect(refused.status).toBe(429)
      expect(refused.data.code).toBe("too_many_attempts")
      expect(Number(refused.headers["retry-after"])).toBeGreaterThan(0)
    })

    /** The address's count (one client: every request comes from 127.0.0.1). */
    const perIpCount = async () => {
      const { rows } = await getContainer()
        .resolve(ContainerRegistrationKeys.PG_CONNECTION)
        .raw(
          "SELECT points FROM credential_rate_limit WHERE key LIKE 'credentials-sign-in-ip:%'"
        )
      return rows.map((row: { points: number }) => Number(row.points))
    }

    it("wrong passwords sent at once from one address get no more than the limit checked", async () => {
      const emails: string[] = []
      for (let i = 0; i < 5; i++) {
        const email = `parallel-${i}@example.com`
        await createRegisteredCustomer(getContainer(), {
          email,
          password: STORE_PASSWORD,
        })
        emails.push(email)
      }
      // A right password is not a failure: its count is given back.
      const signedIn = await store.post("/store/credentials/login", {
        identifier: emails[0],
        password: STORE_PASSWORD,
      })
      expect(signedIn.status).toBe(200)
      expect(Math.max(0, ...(await perIpCount()))).toBe(0)

      // 40 at once, real accounts (4 each, under their lock) and unknown
      // emails alike: only the limit's worth are checked.
      const statuses = (
        await Promise.all(
          Array.from({ length: 40 }, (_, i) =>
            store.post("/store/credentials/login", {
              identifier:
                i % 2
                  ? `parallel-unknown-${i}@example.com`
                  : emails[(i / 2) % 5],
              password: "Sprayed-Passw0rd!",
            })
          )
        )
      ).map((answer) => answer.status)
      expect(statuses.filter((status) => status === 401)).toHaveLength(PER_IP)
      expect(statuses.filter((status) => status === 429)).toHaveLength(
        40 - PER_IP
      )
      expect(await perIpCount()).toEqual([PER_IP])
    })
  },
})
