import { Agent } from "http"
import { Modules } from "@medusajs/framework/utils"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { failure } from "./utils/credentials"
import { createRegisteredCustomer } from "./utils/customers"
import { afterSubscribers, emailsTo } from "./utils/notifications"
import { createPublishableKeyHeader } from "./utils/store"
import { activationTokenFrom, STORE_PASSWORD } from "./utils/store-session"

jest.setTimeout(300 * 1000)

// The other HTTP suites raise every per-IP limit (medusa-config.ts: all their
// requests come from 127.0.0.1). This one runs with the limits as shipped.
// medusa-config.ts is read before the runner applies its `env` option, so the
// switch is set here, when the file loads.
process.env.CREDENTIALS_SHIPPED_IP_LIMITS = "true"

/**
 * The limits the docs promise (docs/security.md, "Passwords, tokens and
 * enumeration": per 15 minutes), written out rather than read from the
 * plugin's defaults, so a changed default fails here.
 */
const SHIPPED = {
  sign_in_failures_per_ip: 100,
  register_per_ip: 30,
  activate_per_ip: 60,
  resend_activation_per_ip: 20,
  resend_activation_per_email: 3,
  reset_password_per_ip: 20,
  reset_password_per_email: 5,
}
const WINDOW_SECONDS = 15 * 60

const PER_IP_REFUSAL = {
  type: "too_many_requests",
  code: "rate_limited",
  message: "Too many requests. Try again in a few minutes.",
}
const PER_EMAIL_REFUSAL = {
  type: "too_many_requests",
  code: "rate_limited",
  message:
    "Too many requests for this email address. Try again in a few minutes.",
}

// Clients are told apart by the socket's address: each request leaves from a
// loopback address of its own (127.0.0.0/8 is all local on Linux), with the
// plugin's `trusted_proxies` at its default (none). The counts live in the
// database (table credential_rate_limit), which the runner restores before
// each test; every test still uses addresses and emails of its own.
medusaIntegrationTestRunner({
  inApp: true,
  env: { CREDENTIALS_SHIPPED_IP_LIMITS: "true" },
  testSuite: ({ api, getContainer }) => {
    let publishableKey: Record<string, string>

    beforeEach(async () => {
      publishableKey = await createPublishableKeyHeader(getContainer())
    })

    const agents = new Map<string, Agent>()
    afterAll(() => {
      for (const agent of agents.values()) {
        agent.destroy()
      }
    })

    /** The API as seen from one client address. */
    const from = (address: string) => {
      if (!agents.has(address)) {
        agents.set(address, new Agent({ localAddress: address }))
      }
      const port = new URL(api.defaults.baseURL!).port
      return {
        post: (
          path: string,
          body: unknown,
          headers: Record<string, string> = {}
        ) =>
          api
            .post(path, body, {
              baseURL: `http://127.0.0.1:${port}`,
              httpAgent: agents.get(address),
              headers: { ...publishableKey, ...headers },
            })
            .catch(failure),
      }
    }

    type Answer = Awaited<ReturnType<ReturnType<typeof from>["post"]>>

    /** A 429 that says how long to wait and why. */
    const expectRefused = (
      response: Answer,
      body: Record<string, string>,
      maxSeconds = WINDOW_SECONDS
    ) => {
      expect({ status: response.status, data: response.data }).toEqual({
        status: 429,
        data: body,
      })
      const retryAfter = response.headers["retry-after"]
      expect(retryAfter).toMatch(/^\d+$/)
      expect(Number(retryAfter)).toBeGreaterThan(0)
      expect(Number(retryAfter)).toBeLessThanOrEqual(maxSeconds)
    }

    /** Sends `count` requests one after the other; returns their statuses. */
    const statusesOf = async (
      count: number,
      request: (i: number) => Promise<Answer>
    ) => {
      const statuses: number[] = []
      for (let i = 0; i < count; i++) {
        statuses.push((await request(i)).status)
      }
      return statuses
    }

    const customerCount = async (email: string) =>
      (await getContainer().resolve(Modules.CUSTOMER).listCustomers({ email }))
        .length

    /** A registration through the plugin's route, from a given address. */
    const registration = (email: string) => ({
      email,
      password: STORE_PASSWORD,
      first_name: "Sam",
      last_name: "Shopper",
    })

    /** Registers `email` from a spare address and returns its activation token. */
    const pendingActivation = async (email: string, address: string) => {
      const registered = await afterSubscribers<Answer>(
        getContainer(),
        "auth.verification_requested",
        () =>
          from(address).post("/store/credentials/register", registration(email))
      )
      expect(registered.status).toBe(201)
      const [sent] = await emailsTo(getContainer(), email)
      return activationTokenFrom(sent.data.text as string)
    }

    describe("sign-in failures: 100 per client address", () => {
      it("the 100th failure is checked, then the address is refused (a right password too), other addresses are not", async () => {
        await createRegisteredCustomer(getContainer(), {
          email: "owner@example.com",
          password: STORE_PASSWORD,
        })
        const guesser = from("127.0.1.1")

        // Unknown emails, each tried once: no per-account or per-identifier
        // lock is reached, only the per-address count.
        const failures = await statusesOf(
          SHIPPED.sign_in_failures_per_ip,
          (i) =>
            guesser.post("/store/credentials/login", {
              identifier: `nobody-${i}@example.com`,
              password: "Wrong-Passw0rd!",
            })
        )
        expect(failures).toEqual(
          Array(SHIPPED.sign_in_failures_per_ip).fill(401)
        )

        const refused = await guesser.post("/store/credentials/login", {
          identifier: "owner@example.com",
          password: STORE_PASSWORD,
        })
        expect({ status: refused.status, code: refused.data.code }).toEqual({
          status: 429,
          code: "too_many_attempts",
        })
        expect(refused.data.message).toMatch(
          /^Too many failed sign-in attempts\. Try again in \d+ minute\(s\), or reset your password\.$/
        )
        expect(Number(refused.headers["retry-after"])).toBeGreaterThan(0)
        expect(Number(refused.headers["retry-after"])).toBeLessThanOrEqual(
          15 * 60
        )

        // Medusa's own sign-in route is the same sign-in, under the same count.
        const stock = await guesser.post("/auth/customer/emailpass", {
          email: "owner@example.com",
          password: STORE_PASSWORD,
        })
        expect(stock.status).toBe(429)
        expect(stock.data.code).toBe("too_many_attempts")

        // An untrusted peer naming another client in X-Forwarded-For is still
        // itself (trusted_proxies defaults to none).
        const spoofed = await guesser.post(
          "/store/credentials/login",
          { identifier: "owner@example.com", password: STORE_PASSWORD },
          { "x-forwarded-for": "127.0.1.2" }
        )
        expect(spoofed.status).toBe(429)

        // The address it named is a client of its own, and free.
        const elsewhere = await from("127.0.1.2").post(
          "/store/credentials/login",
          { identifier: "owner@example.com", password: STORE_PASSWORD }
        )
        expect(elsewhere.status).toBe(200)
        expect(elsewhere.data.token).toEqual(expect.any(String))
      })

      it("counts failures only: right passwords from the address use none of the 100", async () => {
        await createRegisteredCustomer(getContainer(), {
          email: "regular@example.com",
          password: STORE_PASSWORD,
        })
        const office = from("127.0.1.3")
        const signIns = await statusesOf(SHIPPED.sign_in_failures_per_ip, () =>
          office.post("/store/credentials/login", {
            identifier: "regular@example.com",
            password: STORE_PASSWORD,
          })
        )
        expect(signIns).toEqual(
          Array(SHIPPED.sign_in_failures_per_ip).fill(200)
        )
        const failures = await statusesOf(
          SHIPPED.sign_in_failures_per_ip,
          (i) =>
            office.post("/store/credentials/login", {
              identifier: `stranger-${i}@example.com`,
              password: "Wrong-Passw0rd!",
            })
        )
        expect(failures).toEqual(
          Array(SHIPPED.sign_in_failures_per_ip).fill(401)
        )
        expect(
          (
            await office.post("/store/credentials/login", {
              identifier: "regular@example.com",
              password: STORE_PASSWORD,
            })
          ).status
        ).toBe(429)
      })
    })

    describe("registrations: 30 per client address", () => {
      it("on the plugin's route: the 30th registers, the 31st is refused and creates nothing", async () => {
        const registrant = from("127.0.2.1")
        const statuses = await statusesOf(SHIPPED.register_per_ip, (i) =>
          afterSubscribers<Answer>(
            getContainer(),
            "auth.verification_requested",
            () =>
              registrant.post(
                "/store/credentials/register",
                registration(`new-${i}@example.com`)
              )
          )
        )
        expect(statuses).toEqual(Array(SHIPPED.register_per_ip).fill(201))

        const refused = await registrant.post(
          "/store/credentials/register",
          registration("one-too-many@example.com")
        )
        expectRefused(refused, PER_IP_REFUSAL)
        const spoofed = await registrant.post(
          "/store/credentials/register",
          registration("one-too-many@example.com"),
          { "x-forwarded-for": "127.0.2.2" }
        )
        expectRefused(spoofed, PER_IP_REFUSAL)
        expect(await customerCount("one-too-many@example.com")).toBe(0)

        const elsewhere = await afterSubscribers<Answer>(
          getContainer(),
          "auth.verification_requested",
          () =>
            from("127.0.2.2").post(
              "/store/credentials/register",
              registration("one-too-many@example.com")
            )
        )
        expect(elsewhere.status).toBe(201)
      })

      it("on Medusa's own route (POST /auth/customer/emailpass/register): the 30th registers, the 31st is refused", async () => {
        const registrant = from("127.0.2.3")
        const statuses = await statusesOf(SHIPPED.register_per_ip, (i) =>
          registrant.post("/auth/customer/emailpass/register", {
            email: `stock-${i}@example.com`,
            password: STORE_PASSWORD,
          })
        )
        expect(statuses).toEqual(Array(SHIPPED.register_per_ip).fill(200))

        const refused = await registrant.post(
          "/auth/customer/emailpass/register",
          { email: "stock-late@example.com", password: STORE_PASSWORD },
          { "x-forwarded-for": "127.0.2.4" }
        )
        expectRefused(refused, PER_IP_REFUSAL)
        const identities = await getContainer()
          .resolve(Modules.AUTH)
          .listProviderIdentities({ entity_id: "stock-late@example.com" })
        expect(identities).toHaveLength(0)

        const elsewhere = await from("127.0.2.4").post(
          "/auth/customer/emailpass/register",
          { email: "stock-late@example.com", password: STORE_PASSWORD }
        )
        expect(elsewhere.status).toBe(200)
        expect(elsewhere.data.token).toEqual(expect.any(String))
      })
    })

    describe("activations: 60 per client address", () => {
      it("the 60th activates, the 61st is refused even with a good link, which works from another address", async () => {
        const first = await pendingActivation("first@example.com", "127.0.3.9")
        const second = await pendingActivation(
          "second@example.com",
          "127.0.3.9"
        )
        const activator = from("127.0.3.1")

        const wrong = await statusesOf(SHIPPED.activate_per_ip - 1, (i) =>
          activator.post("/store/credentials/activate", {
            token: `not-a-token-${i}`,
          })
        )
        expect(wrong).toEqual(Array(SHIPPED.activate_per_ip - 1).fill(400))
        const atTheLimit = await activator.post("/store/credentials/activate", {
          token: first,
        })
        expect(atTheLimit.status).toBe(200)
        expect(atTheLimit.data).toEqual({
          activated: true,
          email: "first@example.com",
        })

        expectRefused(
          await activator.post("/store/credentials/activate", {
            token: second,
          }),
          PER_IP_REFUSAL
        )
        expectRefused(
          await activator.post(
            "/store/credentials/activate",
            { token: second },
            { "x-forwarded-for": "127.0.3.2" }
          ),
          PER_IP_REFUSAL
        )
        // The refused link was not spent.
        const elsewhere = await from("127.0.3.2").post(
          "/store/credentials/activate",
          { token: second }
        )
        expect(elsewhere.status).toBe(200)
        expect(elsewhere.data.email).toBe("second@example.com")
      })
    })

    describe("resend activation: 20 per client address, 3 per email", () => {
      it("the 20th request from an address is answered, the 21st is refused", async () => {
        const asker = from("127.0.4.1")
        const statuses = await statusesOf(
          SHIPPED.resend_activation_per_ip,
          (i) =>
            asker.post("/store/credentials/resend-activation", {
              email: `resend-${i}@example.com`,
            })
        )
        expect(statuses).toEqual(
          Array(SHIPPED.resend_activation_per_ip).fill(202)
        )
        expectRefused(
          await asker.post("/store/credentials/resend-activation", {
            email: "resend-late@example.com",
          }),
          PER_IP_REFUSAL
        )
        expectRefused(
          await asker.post(
            "/store/credentials/resend-activation",
            { email: "resend-late@example.com" },
            { "x-forwarded-for": "127.0.4.2" }
          ),
          PER_IP_REFUSAL
        )
        expect(
          (
            await from("127.0.4.2").post(
              "/store/credentials/resend-activation",
              {
                email: "resend-late@example.com",
              }
            )
          ).status
        ).toBe(202)
      })

      it("an email gets 3 new links from any addresses, then 429 (in any case), and no 4th email", async () => {
        await pendingActivation("waiting@example.com", "127.0.4.9")
        const resend = (address: string, email = "waiting@example.com") =>
          afterSubscribers<Answer>(
            getContainer(),
            "auth.verification_requested",
            () =>
              from(address).post("/store/credentials/resend-activation", {
                email,
              })
          )

        const statuses: number[] = []
        for (let i = 0; i < SHIPPED.resend_activation_per_email; i++) {
          statuses.push((await resend(`127.0.4.${10 + i}`)).status)
        }
        expect(statuses).toEqual(
          Array(SHIPPED.resend_activation_per_email).fill(202)
        )
        // One link at registration, one per answered request.
        expect(
          await emailsTo(getContainer(), "waiting@example.com")
        ).toHaveLength(1 + SHIPPED.resend_activation_per_email)

        const late = from("127.0.4.20")
        for (const email of ["waiting@example.com", " WAITING@Example.com"]) {
          expectRefused(
            await late.post("/store/credentials/resend-activation", { email }),
            PER_EMAIL_REFUSAL
          )
        }
        // Other emails from that address are still answered.
        expect(
          (
            await late.post("/store/credentials/resend-activation", {
              email: "someone-else@example.com",
            })
          ).status
        ).toBe(202)
        expect(
          await emailsTo(getContainer(), "waiting@example.com")
        ).toHaveLength(1 + SHIPPED.resend_activation_per_email)
      })
    })

    describe("forgot password: 20 per client address, 5 per email", () => {
      const forgot = (address: string, identifier: string, headers = {}) =>
        from(address).post(
          "/auth/customer/emailpass/reset-password",
          { identifier },
          headers
        )

      it("the 20th request from an address is answered, the 21st is refused", async () => {
        const statuses = await statusesOf(SHIPPED.reset_password_per_ip, (i) =>
          forgot("127.0.5.1", `forgetful-${i}@example.com`)
        )
        expect(statuses).toEqual(Array(SHIPPED.reset_password_per_ip).fill(201))
        expectRefused(
          await forgot("127.0.5.1", "forgetful-late@example.com"),
          PER_IP_REFUSAL
        )
        expectRefused(
          await forgot("127.0.5.1", "forgetful-late@example.com", {
            "x-forwarded-for": "127.0.5.2",
          }),
          PER_IP_REFUSAL
        )
        expect(
          (await forgot("127.0.5.2", "forgetful-late@example.com")).status
        ).toBe(201)
      })

      it("an email gets 5 reset emails from any addresses, then 429 and no 6th email", async () => {
        await createRegisteredCustomer(getContainer(), {
          email: "reset-me@example.com",
          password: STORE_PASSWORD,
        })
        const resetEmails = async () =>
          (await emailsTo(getContainer(), "reset-me@example.com")).filter(
            (email) => email.template === "customer-password-reset"
          )
        for (let i = 0; i < SHIPPED.reset_password_per_email; i++) {
          const answered = await afterSubscribers<Answer>(
            getContainer(),
            "auth.password_reset",
            () => forgot(`127.0.5.${10 + i}`, "reset-me@example.com")
          )
          expect(answered.status).toBe(201)
        }
        expect(await resetEmails()).toHaveLength(
          SHIPPED.reset_password_per_email
        )

        for (const identifier of [
          "reset-me@example.com",
          "Reset-Me@Example.COM",
        ]) {
          expectRefused(
            await forgot("127.0.5.20", identifier),
            PER_EMAIL_REFUSAL
          )
        }
        expect((await forgot("127.0.5.20", "other@example.com")).status).toBe(
          201
        )
        // Whatever was still running for the answered requests has run.
        await new Promise((resolve) => setTimeout(resolve, 1000))
        expect(await resetEmails()).toHaveLength(
          SHIPPED.reset_password_per_email
        )
      })
    })
  },
})
