import { Modules } from "@medusajs/framework/utils"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import Scrypt from "scrypt-kdf"
import { createRegisteredCustomer } from "./utils/customers"
import { createPublishableKeyHeader } from "./utils/store"
import { STORE_PASSWORD, storeClient } from "./utils/store-session"
import {
  expectSameTime,
  type PairedTiming,
  type ScryptParams,
  timePairs,
} from "./utils/timing"

jest.setTimeout(5 * 60 * 1000)

/**
 * A store whose emailpass provider hashes with a `hashConfig` of its own
 * (medusa-config.ts reads EMAILPASS_HASH_CONFIG): four scrypt lanes, four
 * times emailpass's default cost. The dummy derivation spent for an unknown
 * email must cost what a real check costs on this store: one made with the
 * default parameters costs a quarter of it (and answers 0.75 of a derivation
 * sooner), one made cheaper by a quarter (r 6 for 8, say) answers 0.25 of a
 * derivation sooner, twice the bound of an eighth. (The dear setting keeps
 * the few statements a known account's path adds, ~10 ms, small beside that
 * bound.)
 */
const HASH_CONFIG: ScryptParams = { logN: 15, r: 8, p: 4 }
const PAIRS = 30

/** An eighth of one derivation with the store's parameters. */
const eighthDerivation = (timing: PairedTiming) => ({
  ms: 0.125 * (timing.derivation ?? NaN),
  says: "0.125 × one derivation: a dummy check costing 75% is 0.25 × past",
})

// medusa-config.ts is read before the runner applies its `env` option, so the
// setting is made here, when the file loads.
process.env.EMAILPASS_HASH_CONFIG = JSON.stringify(HASH_CONFIG)

medusaIntegrationTestRunner({
  inApp: true,
  env: {},
  testSuite: ({ api, getContainer }) => {
    let store: ReturnType<typeof storeClient>

    beforeEach(async () => {
      store = storeClient(api, await createPublishableKeyHeader(getContainer()))
    })

    const signIn = (identifier: string) =>
      store.post("/store/credentials/login", {
        identifier,
        password: "Wrong-Passw0rd!",
      })

    it("hashes passwords with the store's hashConfig", async () => {
      await createRegisteredCustomer(getContainer(), {
        email: "configured@example.com",
        password: STORE_PASSWORD,
      })
      const [login] = await getContainer()
        .resolve(Modules.AUTH)
        .listProviderIdentities(
          { provider: "emailpass", entity_id: "configured@example.com" },
          { select: ["provider_metadata"] }
        )
      const hash = Buffer.from(
        login.provider_metadata!.password as string,
        "base64"
      )
      expect(Scrypt.viewParams(hash)).toEqual(HASH_CONFIG)
    })

    it("sign-in spends the configured derivation for an unknown email", async () => {
      const known: string[] = []
      for (let i = 0; i <= PAIRS; i++) {
        const email = `known-${i}@example.com`
        await createRegisteredCustomer(getContainer(), {
          email,
          password: STORE_PASSWORD,
        })
        // The first attempt also writes the credential row: measured past it.
        expect((await signIn(email)).status).toBe(401)
        known.push(email)
      }
      const unknown = known.map((_, i) => `nobody-${i}@example.com`)
      await expectSameTime(
        "sign-in with hashConfig p 4, unknown email vs known email with a wrong password",
        () =>
          timePairs({
            pairs: known
              .slice(1)
              .map((email, i) => [email, unknown[i + 1]] as [string, string]),
            warmUp: [known[0], unknown[0]],
            request: signIn,
            check: (response, identifier) =>
              expect({ identifier, status: response.status }).toEqual({
                identifier,
                status: 401,
              }),
            derivation: HASH_CONFIG,
          }),
        eighthDerivation
      )
    })
  },
})
