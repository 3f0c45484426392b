import { Agent } from "http"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { createAdminAndSignIn } from "./utils/admin"
import { credentialsService, failure } from "./utils/credentials"
import { createRegisteredCustomer } from "./utils/customers"
import { createPublishableKeyHeader } from "./utils/store"
import { STORE_PASSWORD } from "./utils/store-session"

jest.setTimeout(240 * 1000)

const DEVICE_COOKIE = "customer_credentials_device"

// Clients are told apart by the socket's address: every request leaves from
// a loopback address of its own (127.0.0.0/8 is all local on Linux), with
// the plugin's `trusted_proxies` at its default (none), as a store exposed
// directly runs. The server's in-memory limits outlive each test's database,
// so every test uses addresses and identifiers of its own.
medusaIntegrationTestRunner({
  inApp: true,
  env: {},
  testSuite: ({ api, getContainer }) => {
    let publishableKey: Record<string, string>
    let adminHeaders: Record<string, string>
    let customerId: string
    let customerNumber: string

    beforeEach(async () => {
      publishableKey = await createPublishableKeyHeader(getContainer())
      ;({ headers: adminHeaders } = await createAdminAndSignIn(
        getContainer(),
        api
      ))
      const customer = await createRegisteredCustomer(getContainer(), {
        email: "owner@example.com",
        password: STORE_PASSWORD,
      })
      customerId = customer.id
      const service = credentialsService(getContainer())
      const { credential } = await service.ensureCustomerCredential(customerId)
      customerNumber = await service.nextCustomerNumber()
      await service.updateCustomerCredentials({
        id: credential.id,
        customer_number: customerNumber,
      })
    })

    const agents = new Map<string, Agent>()
    /** The store API as seen from one client address. */
    const from = (address: string) => {
      if (!agents.has(address)) {
        agents.set(address, new Agent({ localAddress: address }))
      }
      const port = new URL(api.defaults.baseURL!).port
      const config = (headers: Record<string, string> = {}) => ({
        baseURL: `http://127.0.0.1:${port}`,
        httpAgent: agents.get(address),
        headers: { ...publishableKey, ...headers },
      })
      return {
        signIn: (
          identifier: string,
          password = STORE_PASSWORD,
          headers: Record<string, string> = {}
        ) =>
          api
            .post(
              "/store/credentials/login",
              { identifier, password },
              config(headers)
            )
            .catch(failure),
        me: (token: string) =>
          api
            .get(
              "/store/customers/me",
              config({ authorization: `Bearer ${token}` })
            )
            .catch(failure),
      }
    }

    afterAll(() => {
      for (const agent of agents.values()) {
        agent.destroy()
      }
    })

    const admin = {
      get: (path: string) => api.get(path, { headers: adminHeaders }),
      post: (path: string, body: unknown) =>
        api.post(path, body, { headers: adminHeaders }),
    }

    const deviceCookieOf = (response: { headers: Record<string, unknown> }) => {
      const cookies = (response.headers["set-cookie"] ?? []) as string[]
      const cookie = cookies.find((c) => c.startsWith(`${DEVICE_COOKIE}=`))
      return cookie
    }

    const failedEvents = async () =>
      (
        await credentialsService(getContainer()).listCredentialEvents(
          { customer_id: customerId },
          { order: { created_at: "ASC" } }
        )
      ).filter((event) => ["sign_in_failed", "locked"].includes(event.action))

    it("guesses at a customer number from one client lock that client only: the owner signs in from another", async () => {
      const attacker = from("127.0.0.2")
      const owner = from("127.0.0.3")

      const guesses: number[] = []
      for (let i = 0; i < 6; i++) {
        guesses.push(
          (await attacker.signIn(customerNumber, `Guess-${i}-Passw0rd!`)).status
        )
      }
      expect(guesses).toEqual([401, 401, 401, 401, 401, 429])

      const signedIn = await owner.signIn(customerNumber)
      expect(signedIn.status).toBe(200)
      expect((await owner.me(signedIn.data.token)).data.customer.id).toBe(
        customerId
      )

      // The guessing client stays refused, even with the right password.
      const refused = await attacker.signIn(customerNumber)
      expect(refused.status).toBe(429)
      expect(refused.data.code).toBe("too_many_attempts")
      expect(Number(refused.headers["retry-after"])).toBeGreaterThan(0)

      // The admin sees the lock and lifts it.
      const state = await admin.get(
        `/admin/customers/${customerId}/credentials`
      )
      expect(state.data.credentials.failed_login_count).toBe(5)
      expect(
        new Date(state.data.credentials.locked_until).getTime()
      ).toBeGreaterThan(Date.now())
      await admin.post(`/admin/customers/${customerId}/credentials/unlock`, {})
      expect((await attacker.signIn(customerNumber)).status).toBe(200)
    })

    it("with trusted_proxies at its default, X-Forwarded-For does not change the client", async () => {
      const attacker = from("127.0.0.4")

      for (let i = 0; i < 5; i++) {
        const response = await attacker.signIn(
          "owner@example.com",
          `Guess-${i}-Passw0rd!`,
          { "x-forwarded-for": `203.0.113.${i + 1}` }
        )
        expect(response.status).toBe(401)
      }
      // Claiming to be another client, or a proxy's client, changes nothing.
      for (const claimed of ["127.0.0.5", "198.51.100.7, 127.0.0.5"]) {
        const response = await attacker.signIn(
          "owner@example.com",
          STORE_PASSWORD,
          { "x-forwarded-for": claimed }
        )
        expect(response.status).toBe(429)
      }

      // The audit rows name the socket's address, not the header's.
      const events = await failedEvents()
      expect(events).toHaveLength(5)
      expect(events.map((event) => event.metadata?.ip)).toEqual(
        Array(5).fill("127.0.0.4")
      )
      // The address the header named is a client of its own, and free.
      expect((await from("127.0.0.5").signIn("owner@example.com")).status).toBe(
        200
      )
    })

    it("of 20 guesses sent at once from one client only the threshold's are checked, and again from the next client", async () => {
      const burst = async (address: string) =>
        (
          await Promise.all(
            Array.from({ length: 20 }, (_, i) =>
              from(address).signIn(customerNumber, `Burst-${i}-Passw0rd!`)
            )
          )
        ).map((response) => response.status)

      const first = await burst("127.0.0.6")
      const second = await burst("127.0.0.7")

      for (const statuses of [first, second]) {
        expect(statuses.filter((s) => s === 401)).toHaveLength(5)
        expect(statuses.filter((s) => s === 429)).toHaveLength(15)
      }
      expect((await from("127.0.0.8").signIn(customerNumber)).status).toBe(200)
    })

    it("past ten times the threshold across clients, only devices that signed in before may try", async () => {
      await admin.post("/admin/credential-settings", { lockout_threshold: 2 })

      // The owner's browser signed in once: it holds a device cookie.
      const first = await from("127.0.0.20").signIn("owner@example.com")
      expect(first.status).toBe(200)
      const cookie = deviceCookieOf(first)
      expect(cookie).toMatch(/HttpOnly/i)
      expect(cookie).toMatch(/SameSite=Lax/i)
      const device = { cookie: cookie!.split(";")[0] }

      // Ten clients guess twice each: 20 failures, the ceiling.
      for (let client = 30; client < 40; client++) {
        for (let i = 0; i < 2; i++) {
          const response = await from(`127.0.0.${client}`).signIn(
            "owner@example.com",
            `Spread-${client}-${i}-Passw0rd!`
          )
          expect(response.status).toBe(401)
        }
      }

      // A client never seen before is refused, even with the right password.
      const unknown = await from("127.0.0.50").signIn("owner@example.com")
      expect(unknown.status).toBe(429)
      // A device cookie of another account proves nothing here.
      await createRegisteredCustomer(getContainer(), {
        email: "other@example.com",
        password: STORE_PASSWORD,
      })
      const other = await from("127.0.0.51").signIn("other@example.com")
      const otherDevice = { cookie: deviceCookieOf(other)!.split(";")[0] }
      expect(
        (
          await from("127.0.0.51").signIn(
            "owner@example.com",
            STORE_PASSWORD,
            otherDevice
          )
        ).status
      ).toBe(429)

      // The owner's device gets in: from its own address, and from an
      // address that guessed and is locked (a shared address).
      const home = await from("127.0.0.20").signIn(
        "owner@example.com",
        STORE_PASSWORD,
        device
      )
      expect(home.status).toBe(200)
      const shared = await from("127.0.0.30").signIn(
        "owner@example.com",
        STORE_PASSWORD,
        device
      )
      expect(shared.status).toBe(200)
      expect(
        (await from("127.0.0.30").signIn("owner@example.com")).status
      ).toBe(429)

      const state = await admin.get(
        `/admin/customers/${customerId}/credentials`
      )
      // Every failure counted once; refused attempts and right passwords not.
      expect(state.data.credentials.failed_login_count).toBe(20)
      expect(
        new Date(state.data.credentials.locked_until).getTime()
      ).toBeGreaterThan(Date.now())
      const locked = (await failedEvents()).filter(
        (event) => event.metadata?.locked_unknown_devices
      )
      expect(locked).toHaveLength(1)
    })

    it("an unknown identifier is locked per client too, so a lock tells nothing", async () => {
      for (let i = 0; i < 5; i++) {
        await from("127.0.0.60").signIn("ghost@example.com", `Wrong-${i}`)
      }
      const here = await from("127.0.0.60").signIn("ghost@example.com")
      const elsewhere = await from("127.0.0.61").signIn("ghost@example.com")

      expect(here.status).toBe(429)
      expect(elsewhere.status).toBe(401)
      expect(elsewhere.data.code).toBe("invalid_credentials")
    })
  },
})
