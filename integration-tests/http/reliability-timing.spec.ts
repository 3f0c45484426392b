import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { createRegisteredCustomer } from "./utils/customers"
import { createPublishableKeyHeader } from "./utils/store"
import { STORE_PASSWORD, storeClient } from "./utils/store-session"

jest.setTimeout(5 * 60 * 1000)

/** One request per email (so no per-email limit or lock is reached), known and unknown interleaved. */
const PAIRS = 24

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2
    ? sorted[middle]
    : (sorted[middle - 1] + sorted[middle]) / 2
}

medusaIntegrationTestRunner({
  inApp: true,
  env: {},
  testSuite: ({ api, getContainer }) => {
    let store: ReturnType<typeof storeClient>
    const known: string[] = []

    beforeEach(async () => {
      store = storeClient(api, await createPublishableKeyHeader(getContainer()))
      known.length = 0
      for (let i = 0; i < PAIRS; i++) {
        const email = `known-${i}@example.com`
        await createRegisteredCustomer(getContainer(), {
          email,
          password: STORE_PASSWORD,
        })
        known.push(email)
      }
    })

    /** Milliseconds per request for known and unknown emails, interleaved. */
    const timeBoth = async (
      request: (email: string) => Promise<{ status: number }>,
      expected: number[]
    ) => {
      const times = { known: [] as number[], unknown: [] as number[] }
      // Warm-up: the first requests pay for lazy loading.
      await request("warm-up-1@example.com")
      await request(known[0])
      for (let i = 1; i < PAIRS; i++) {
        const order =
          i % 2
            ? ([
                ["known", known[i]],
                ["unknown", `nobody-${i}@example.com`],
              ] as const)
            : ([
                ["unknown", `nobody-${i}@example.com`],
                ["known", known[i]],
              ] as const)
        for (const [kind, email] of order) {
          const started = process.hrtime.bigint()
          const response = await request(email)
          times[kind].push(Number(process.hrtime.bigint() - started) / 1e6)
          expect(expected).toContain(response.status)
        }
      }
      return { known: median(times.known), unknown: median(times.unknown) }
    }

    it("sign-in takes as long for an unknown email as for a known one with a wrong password", async () => {
      const { known: knownMs, unknown: unknownMs } = await timeBoth(
        (email) =>
          store.post("/store/credentials/login", {
            identifier: email,
            password: "Wrong-Passw0rd!",
          }),
        [401]
      )
      process.stdout.write(
        `timing: sign-in median known ${knownMs.toFixed(1)} ms, unknown ${unknownMs.toFixed(1)} ms\n`
      )
      // Both spend one scrypt derivation (tens of ms); what differs is a
      // few database reads, well inside the spread of one derivation.
      expect(unknownMs).toBeGreaterThan(knownMs * 0.6)
      expect(unknownMs).toBeLessThan(knownMs * 1.4)
    })

    it("forgot-password answers an unknown email as fast as a known one, and the same", async () => {
      const answers = new Set<string>()
      const { known: knownMs, unknown: unknownMs } = await timeBoth(
        async (email) => {
          const response = await store.post(
            "/auth/customer/emailpass/reset-password",
            { identifier: email }
          )
          answers.add(`${response.status} ${JSON.stringify(response.data)}`)
          return response
        },
        [201]
      )
      process.stdout.write(
        `timing: forgot-password median known ${knownMs.toFixed(1)} ms, unknown ${unknownMs.toFixed(1)} ms\n`
      )
      expect(answers.size).toBe(1)
      // No derivation on either path: a few milliseconds each; the bound
      // allows for the token write on the known path.
      expect(Math.abs(knownMs - unknownMs)).toBeLessThan(
        Math.max(15, 0.5 * Math.max(knownMs, unknownMs))
      )
    })
  },
})
