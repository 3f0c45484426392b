import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { createRegisteredCustomer } from "./utils/customers"
import { afterSubscribers } from "./utils/notifications"
import { createPublishableKeyHeader } from "./utils/store"
import { STORE_PASSWORD, storeClient } from "./utils/store-session"
import {
  expectSameTime,
  quarterDerivation,
  type ScryptParams,
  timePairs,
} from "./utils/timing"

jest.setTimeout(5 * 60 * 1000)

/**
 * Pairs per measurement (see utils/timing.ts): one account, or one unknown
 * email, per request, so no per-email limit or lock is reached, also when a
 * measurement is repeated.
 */
const PAIRS = 40
/** emailpass's default `hashConfig`, which this suite's store keeps. */
const EMAILPASS_DEFAULT: ScryptParams = { logN: 15, r: 8, p: 1 }
/**
 * Routes that answer before their work: core answered a known email's
 * forgot-password about 10 ms later than an unknown one (the token write).
 */
const ANSWERED_FIRST_BOUND = {
  ms: 5,
  says: "5 ms: answered before any work",
}
/** Before each request of the answered-first routes: the work behind the previous answer ends. */
const GAP_MS = 200

medusaIntegrationTestRunner({
  inApp: true,
  env: {},
  testSuite: ({ api, getContainer }) => {
    let store: ReturnType<typeof storeClient>

    beforeEach(async () => {
      store = storeClient(api, await createPublishableKeyHeader(getContainer()))
    })

    /** PAIRS + 1 customers with a password (the first for the warm-up). */
    const knownEmails = async () => {
      const emails: string[] = []
      for (let i = 0; i <= PAIRS; i++) {
        const email = `known-${i}@example.com`
        await createRegisteredCustomer(getContainer(), {
          email,
          password: STORE_PASSWORD,
        })
        emails.push(email)
      }
      return emails
    }
    const unknownEmails = () =>
      Array.from({ length: PAIRS + 1 }, (_, i) => `nobody-${i}@example.com`)
    const pairsOf = (reference: string[], probe: string[]) =>
      reference
        .slice(1)
        .map((email, i) => [email, probe[i + 1]] as [string, string])

    it("sign-in takes as long for an unknown email as for a known one with a wrong password", async () => {
      const known = await knownEmails()
      const unknown = unknownEmails()
      const signIn = (identifier: string) =>
        store.post("/store/credentials/login", {
          identifier,
          password: "Wrong-Passw0rd!",
        })
      // An account's first sign-in attempt also writes its credential row
      // (customers made by core's registration have none): measured past
      // that, with one wrong attempt each (2 or 3 in all, under the lock's 5).
      for (const email of known) {
        expect((await signIn(email)).status).toBe(401)
      }
      // Both paths spend one scrypt derivation; what differs is a few
      // statements. Without the dummy derivation the unknown email answers
      // about one derivation sooner; with one costing 70%, 0.3 of one.
      await expectSameTime(
        "sign-in, unknown email vs known email with a wrong password",
        () =>
          timePairs({
            pairs: pairsOf(known, unknown),
            warmUp: [known[0], unknown[0]],
            request: signIn,
            check: (response, identifier) =>
              expect({ identifier, status: response.status }).toEqual({
                identifier,
                status: 401,
              }),
            derivation: EMAILPASS_DEFAULT,
          }),
        quarterDerivation
      )
    })

    it("forgot-password answers an unknown email as fast as a known one, and the same", async () => {
      const known = await knownEmails()
      const unknown = unknownEmails()
      const answers = new Set<string>()
      await expectSameTime(
        "forgot-password, unknown email vs known email",
        () =>
          timePairs({
            pairs: pairsOf(known, unknown),
            warmUp: [known[0], unknown[0]],
            request: (identifier) =>
              store.post("/auth/customer/emailpass/reset-password", {
                identifier,
              }),
            check: (response) =>
              answers.add(
                `${response.status} ${JSON.stringify(response.data)}`
              ),
            gapMs: GAP_MS,
          }),
        () => ANSWERED_FIRST_BOUND
      )
      expect(answers.size).toBe(1)
      expect([...answers][0]).toMatch(/^201 /)
    })

    it("resend-activation answers an unknown email as fast as one waiting for confirmation, and the same", async () => {
      const pending: string[] = []
      for (let i = 0; i <= PAIRS; i++) {
        const email = `pending-${i}@example.com`
        const registered = await afterSubscribers(
          getContainer(),
          "auth.verification_requested",
          () =>
            store.post("/store/credentials/register", {
              email,
              password: STORE_PASSWORD,
              first_name: "Pat",
              last_name: "Pending",
            })
        )
        expect(registered.status).toBe(201)
        pending.push(email)
      }
      const unknown = unknownEmails()
      const answers = new Set<string>()
      await expectSameTime(
        "resend-activation, unknown email vs email waiting for confirmation",
        () =>
          timePairs({
            pairs: pairsOf(pending, unknown),
            warmUp: [pending[0], unknown[0]],
            request: (email) =>
              store.post("/store/credentials/resend-activation", { email }),
            check: (response) =>
              answers.add(
                `${response.status} ${JSON.stringify(response.data)}`
              ),
            gapMs: GAP_MS,
          }),
        () => ANSWERED_FIRST_BOUND
      )
      expect(answers.size).toBe(1)
      expect([...answers][0]).toMatch(/^202 /)
    })
  },
})
