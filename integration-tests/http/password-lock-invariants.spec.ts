import { Modules } from "@medusajs/framework/utils"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { passwordLockKey } from "../../src/workflows/shared/utils/password-lock-key"
import { resetTokenLockKey } from "../../src/workflows/shared/utils/reset-token-lock-key"
import { createAdminAndSignIn } from "./utils/admin"
import { failure } from "./utils/credentials"
import { createCustomer } from "./utils/customers"

jest.setTimeout(120 * 1000)

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** How long the test holds a lock before it checks that nothing moved. */
const HELD_MS = 1_500

/**
 * "Every change of a login's password runs under the login's password lock;
 * every reset or activation token is issued under the email's token lock."
 * The test holds the lock itself, as a concurrent flow would, and shows the
 * flow waits for it instead of changing the login underneath.
 */
medusaIntegrationTestRunner({
  inApp: true,
  env: {},
  testSuite: ({ api, getContainer }) => {
    let headers: Record<string, string>

    beforeEach(async () => {
      ;({ headers } = await createAdminAndSignIn(getContainer(), api))
    })

    const hold = async (key: string) => {
      const locking = getContainer().resolve(Modules.LOCKING)
      const ownerId = `test-${key}`
      await locking.acquire(key, { ownerId, expire: 60 })
      return () => locking.release(key, { ownerId })
    }

    const jobOf = async (id: string) =>
      (await api.get(`/admin/credentials/bulk/${id}`, { headers })).data.job

    const finished = async (id: string) => {
      for (let i = 0; i < 300; i++) {
        const job = await jobOf(id)
        if (job.status === "completed" || job.status === "failed") {
          return job
        }
        await sleep(100)
      }
      throw new Error("the job did not finish")
    }

    /** The email's password logins. */
    const loginsOf = (email: string) =>
      getContainer()
        .resolve(Modules.AUTH)
        .listProviderIdentities(
          { provider: "emailpass", entity_id: email },
          { select: ["id"] }
        )

    it.each([["generate_credentials"], ["send_activation"]])(
      "bulk %s waits for a customer's password lock",
      async (action) => {
        const email = `bulk-${action}@example.com`
        const customer = await createCustomer(getContainer(), { email })
        const release = await hold(passwordLockKey(email))

        const started = await api
          .post(
            "/admin/credentials/bulk",
            { action, customer_ids: [customer.id] },
            { headers }
          )
          .catch(failure)
        expect(started.status).toBe(202)
        await sleep(HELD_MS)
        // Nothing happened to the login while the lock was held.
        expect((await jobOf(started.data.job.id)).succeeded).toBe(0)
        expect(await loginsOf(email)).toEqual([])

        await release()
        const job = await finished(started.data.job.id)
        expect(job).toEqual(
          expect.objectContaining({ status: "completed", succeeded: 1 })
        )
        expect(await loginsOf(email)).toHaveLength(1)
      }
    )

    it.each([
      ["the password lock", passwordLockKey],
      ["the activation token's lock", resetTokenLockKey],
    ])("a single activation email waits for %s", async (_name, keyOf) => {
      const email = `single-${keyOf.name}@example.com`
      const customer = await createCustomer(getContainer(), { email })
      const release = await hold(keyOf(email))

      let settled = false
      const sent = api
        .post(
          `/admin/customers/${customer.id}/credentials/send-activation`,
          {},
          { headers }
        )
        .catch(failure)
        .finally(() => {
          settled = true
        })
      await sleep(HELD_MS)
      expect(settled).toBe(false)

      await release()
      expect((await sent).status).toBe(202)
    })
  },
})
