import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { createAdminAndSignIn } from "./utils/admin"
import { credentialsService, failure } from "./utils/credentials"
import { createRegisteredCustomer } from "./utils/customers"
import { createPublishableKeyHeader } from "./utils/store"
import { STORE_PASSWORD, storeClient } from "./utils/store-session"

jest.setTimeout(240 * 1000)

/**
 * The store's lockout settings are the ones in force at sign-in: how many
 * failures lock (`lockout_threshold`), for how long (`lockout_minutes`), and
 * which failures still count (`lockout_window_minutes`). Every other suite
 * runs with the defaults (5 / 15 / 15), so a sign-in that hard-coded them
 * would pass there. Here each setting takes a value of its own.
 */
medusaIntegrationTestRunner({
  inApp: true,
  env: {},
  testSuite: ({ api, getContainer }) => {
    let store: ReturnType<typeof storeClient>
    let adminHeaders: Record<string, string>
    let customerId: string

    beforeEach(async () => {
      store = storeClient(api, await createPublishableKeyHeader(getContainer()))
      ;({ headers: adminHeaders } = await createAdminAndSignIn(
        getContainer(),
        api
      ))
      const customer = await createRegisteredCustomer(getContainer(), {
        email: "lena@example.com",
        password: STORE_PASSWORD,
      })
      customerId = customer.id
    })

    const settings = async (values: Record<string, number>) => {
      const response = await api
        .post("/admin/credential-settings", values, { headers: adminHeaders })
        .catch(failure)
      expect(response.status).toBe(200)
    }

    const signIn = (password: string) =>
      store.post("/store/credentials/login", {
        identifier: "lena@example.com",
        password,
      })

    const wrong = async (count: number) => {
      const statuses: number[] = []
      for (let i = 0; i < count; i++) {
        statuses.push((await signIn(`Wrong-${i}-Passw0rd!`)).status)
      }
      return statuses
    }

    /** Controlled clock: every failure counted so far happened `minutes` earlier. */
    const failuresHappenedEarlier = async (minutes: number) => {
      const service = credentialsService(getContainer())
      const [credential] = await service.listCustomerCredentials({
        customer_id: customerId,
      })
      const back = (date: Date | string | null) =>
        date ? new Date(new Date(date).getTime() - minutes * 60_000) : null
      await service.updateCustomerCredentials({
        id: credential.id,
        last_failed_login_at: back(credential.last_failed_login_at),
      })
      const clients = await service.listCredentialSignInClients({
        credential_id: credential.id,
      })
      expect(clients.length).toBeGreaterThan(0)
      for (const client of clients) {
        await service.updateCredentialSignInClients({
          id: client.id,
          last_failed_login_at: back(client.last_failed_login_at),
        })
      }
    }

    it("locks after lockout_threshold failures: 3 when set to 3", async () => {
      await settings({ lockout_threshold: 3 })

      expect(await wrong(3)).toEqual([401, 401, 401])
      const locked = await signIn(STORE_PASSWORD)
      expect(locked.status).toBe(429)
      expect(locked.data.code).toBe("too_many_attempts")
    })

    it("locks after lockout_threshold failures: 7 when set to 7", async () => {
      await settings({ lockout_threshold: 7 })

      expect(await wrong(7)).toEqual([401, 401, 401, 401, 401, 401, 401])
      expect((await signIn(STORE_PASSWORD)).status).toBe(429)
    })

    it("a lock lasts lockout_minutes: Retry-After and locked_until say 2 minutes when set to 2", async () => {
      await settings({ lockout_threshold: 2, lockout_minutes: 2 })

      expect(await wrong(2)).toEqual([401, 401])
      const locked = await signIn(STORE_PASSWORD)
      expect(locked.status).toBe(429)
      const retryAfter = Number(locked.headers["retry-after"])
      expect(retryAfter).toBeGreaterThan(60)
      expect(retryAfter).toBeLessThanOrEqual(120)

      const state = await api.get(
        `/admin/customers/${customerId}/credentials`,
        {
          headers: adminHeaders,
        }
      )
      const lockedFor =
        new Date(state.data.credentials.locked_until).getTime() - Date.now()
      expect(lockedFor).toBeGreaterThan(60_000)
      expect(lockedFor).toBeLessThanOrEqual(120_000)
    })

    it("counts only failures within lockout_window_minutes: an older one starts a new count", async () => {
      await settings({ lockout_threshold: 2, lockout_window_minutes: 1 })

      expect(await wrong(1)).toEqual([401])
      await failuresHappenedEarlier(2) // outside the 1-minute window
      expect(await wrong(1)).toEqual([401])
      // Only one failure counts: the right password signs in.
      expect((await signIn(STORE_PASSWORD)).status).toBe(200)
    })

    it("control: failures within lockout_window_minutes add up and lock", async () => {
      await settings({ lockout_threshold: 2, lockout_window_minutes: 3 })

      expect(await wrong(1)).toEqual([401])
      await failuresHappenedEarlier(2) // still inside the 3-minute window
      expect(await wrong(1)).toEqual([401])
      expect((await signIn(STORE_PASSWORD)).status).toBe(429)
    })
  },
})
