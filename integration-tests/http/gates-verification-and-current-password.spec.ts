import { Modules } from "@medusajs/framework/utils"
import { requestVerificationWorkflow } from "@medusajs/medusa/core-flows"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { createAdminAndSignIn } from "./utils/admin"
import { createRegisteredCustomer } from "./utils/customers"
import { afterSubscribers, emailsTo } from "./utils/notifications"
import { createPublishableKeyHeader } from "./utils/store"
import {
  activationTokenFrom,
  STORE_PASSWORD,
  storeClient,
} from "./utils/store-session"

jest.setTimeout(180 * 1000)

const VERIFICATION_REQUESTED = "auth.verification_requested"
const NEW_PASSWORD = "Chosen-Passw0rd!"
const WRONG_PASSWORD = "Wrong-Passw0rd!"

medusaIntegrationTestRunner({
  inApp: true,
  env: {},
  testSuite: ({ api, getContainer }) => {
    let store: ReturnType<typeof storeClient>
    let adminHeaders: Record<string, string>

    beforeEach(async () => {
      store = storeClient(api, await createPublishableKeyHeader(getContainer()))
      ;({ headers: adminHeaders } = await createAdminAndSignIn(
        getContainer(),
        api
      ))
    })

    /** A customer with a password login, signed in: its token. */
    const signedInCustomer = async (email: string, first_name: string) => {
      const customer = await createRegisteredCustomer(getContainer(), {
        email,
        password: STORE_PASSWORD,
        first_name,
      })
      const login = await store.post("/store/credentials/login", {
        identifier: email,
        password: STORE_PASSWORD,
      })
      expect(login.status).toBe(200)
      return { customer_id: customer.id, token: login.data.token as string }
    }

    const requestCode = (
      token: string,
      entity_id: string,
      path = "/auth/verification/request"
    ) =>
      store.post(
        path,
        { entity_id, entity_type: "email", code_provider: "token" },
        token
      )

    const credentialsOf = async (customerId: string) =>
      (
        await api.get(`/admin/customers/${customerId}/credentials`, {
          headers: adminHeaders,
        })
      ).data.credentials

    describe("POST /auth/verification/request sends codes only to the login's own email", () => {
      it("refuses another address in every spelling and emails nobody but the login itself", async () => {
        const mallory = await signedInCustomer("mallory@example.com", "Mallory")

        const relays = [
          await requestCode(mallory.token, "victim@example.com"),
          await requestCode(mallory.token, "VICTIM@example.com "),
          await requestCode(
            mallory.token,
            "victim@example.com",
            "/auth/verification/request/"
          ),
        ]
        for (const relay of relays) {
          expect(relay.status).toBe(403)
          expect(relay.data).toEqual({
            type: "not_allowed",
            code: "verification_not_own_email",
            message: expect.stringContaining(
              "POST /store/credentials/resend-activation"
            ),
          })
        }
        // Another spelling of the path is refused too (by this gate, or
        // earlier by the canonical-path gate for /auth).
        const shouted = await requestCode(
          mallory.token,
          "victim@example.com",
          "/AUTH/Verification/Request"
        )
        expect([400, 403]).toContain(shouted.status)

        // An actorless token from core's own registration is refused too.
        const registered = await store.post(
          "/auth/customer/emailpass/register",
          { email: "fresh@example.com", password: STORE_PASSWORD }
        )
        expect(registered.status).toBe(200)
        const actorless = await requestCode(
          registered.data.token,
          "victim@example.com"
        )
        expect(actorless.status).toBe(403)

        // The login's own email (any case) still gets its link; once its
        // subscriber has run, any email a relay had queued would be there.
        const own = await afterSubscribers(
          getContainer(),
          VERIFICATION_REQUESTED,
          () => requestCode(mallory.token, "Mallory@Example.com")
        )
        expect(own.status).toBe(201)
        expect(
          await emailsTo(getContainer(), "mallory@example.com")
        ).toHaveLength(1)
        expect(
          await emailsTo(getContainer(), "victim@example.com")
        ).toHaveLength(0)
      })

      it("never emails another address, whatever path asked for the code", async () => {
        await createRegisteredCustomer(getContainer(), {
          email: "mallory@example.com",
          password: STORE_PASSWORD,
          first_name: "Mallory",
        })
        const [identity] = await getContainer()
          .resolve(Modules.AUTH)
          .listProviderIdentities({ entity_id: "mallory@example.com" })

        // Core's workflow run directly, as any other route or plugin could.
        await afterSubscribers(getContainer(), VERIFICATION_REQUESTED, () =>
          requestVerificationWorkflow(getContainer()).run({
            input: {
              auth_identity_id: identity.auth_identity_id!,
              entity_id: "victim@example.com",
              entity_type: "email",
              code_provider: "token",
            },
          })
        )

        expect(
          await emailsTo(getContainer(), "victim@example.com")
        ).toHaveLength(0)
      })

      it("sends at most 5 codes per login and hour, then answers 429 with Retry-After", async () => {
        const ann = await signedInCustomer("ann@example.com", "Ann")
        const bob = await signedInCustomer("bob@example.com", "Bob")

        const statuses: number[] = []
        for (let i = 0; i < 5; i++) {
          const response = await afterSubscribers(
            getContainer(),
            VERIFICATION_REQUESTED,
            () => requestCode(ann.token, "ann@example.com")
          )
          statuses.push(response.status)
        }
        const sixth = await requestCode(
          ann.token,
          "ann@example.com",
          "/auth/verification/request/"
        )

        expect(statuses).toEqual([201, 201, 201, 201, 201])
        expect(sixth.status).toBe(429)
        expect(Number(sixth.headers["retry-after"])).toBeGreaterThan(0)
        expect(sixth.data.code).toBe("rate_limited")
        expect(await emailsTo(getContainer(), "ann@example.com")).toHaveLength(
          5
        )
        // Per login: another login is not affected.
        const other = await afterSubscribers(
          getContainer(),
          VERIFICATION_REQUESTED,
          () => requestCode(bob.token, "bob@example.com")
        )
        expect(other.status).toBe(201)
      })
    })

    describe("a code confirms only its own login", () => {
      const register = (email: string) =>
        afterSubscribers(getContainer(), VERIFICATION_REQUESTED, () =>
          store.post("/store/credentials/register", {
            email,
            password: STORE_PASSWORD,
            first_name: "New",
            last_name: "Shopper",
          })
        )

      it("refuses another login's code on core's confirm route and leaves it usable by its owner", async () => {
        const mallory = await signedInCustomer("mallory@example.com", "Mallory")
        const registered = await register("bea@example.com")
        expect(registered.status).toBe(201)
        const [email] = await emailsTo(getContainer(), "bea@example.com")
        const code = activationTokenFrom(email.data!.text as string)

        const foreign = await store.post(
          "/auth/verification/confirm",
          { code },
          mallory.token
        )
        expect(foreign.status).toBe(403)
        expect(foreign.data.code).toBe("verification_not_own_login")

        const signedInAsOther = await store.post(
          "/store/credentials/activate",
          { token: code },
          mallory.token
        )
        expect(signedInAsOther.status).toBe(400)
        expect(signedInAsOther.data.message).toMatch(/another account/)

        const owner = await store.post("/store/credentials/activate", {
          token: code,
        })
        expect(owner.status).toBe(200)
        expect(owner.data.email).toBe("bea@example.com")
      })

      it("refuses a code made for an address that is not the login's email, on every confirm path", async () => {
        expect((await register("mal@example.com")).status).toBe(201)
        const [identity] = await getContainer()
          .resolve(Modules.AUTH)
          .listProviderIdentities({ entity_id: "mal@example.com" })
        // A code for a stranger's address on this login (what a relay made
        // before the gate, or any path that bypasses it).
        const relayed = (await getContainer()
          .resolve(Modules.AUTH)
          .requestAuthVerification({
            auth_identity_id: identity.auth_identity_id!,
            entity_id: "victim@example.com",
            entity_type: "email",
            code_provider: "token",
          } as never)) as unknown as { code: string }

        const viaStore = await store.post("/store/credentials/activate", {
          token: relayed.code,
        })
        const viaCore = await store.post("/auth/verification/confirm", {
          code: relayed.code,
        })

        expect(viaStore.status).toBe(400)
        expect(viaStore.data.message).toMatch(/does not confirm/)
        expect(viaCore.status).toBe(403)
        expect(viaCore.data.code).toBe("verification_not_own_login")
        // The login's own email is still unconfirmed: it cannot sign in.
        // The answer names no customer: found by the email.
        const [mal] = await getContainer()
          .resolve(Modules.CUSTOMER)
          .listCustomers({ email: "mal@example.com" })
        expect((await credentialsOf(mal.id)).email_confirmed).toBe(false)
        const login = await store.post("/store/credentials/login", {
          identifier: "mal@example.com",
          password: STORE_PASSWORD,
        })
        expect(login.status).toBe(401)
        expect(login.data.code).toBe("email_not_confirmed")
      })
    })

    describe("POST /store/customers/me/password counts a wrong current password as a failed sign-in", () => {
      const change = (token: string, current_password: string) =>
        store.post(
          "/store/customers/me/password",
          { current_password, new_password: NEW_PASSWORD },
          token
        )

      it("locks the login after 5 wrong current passwords: the right one then gets 429, and so does sign-in", async () => {
        const ann = await signedInCustomer("ann@example.com", "Ann")
        const storedHash = async () => {
          const [login] = await getContainer()
            .resolve(Modules.AUTH)
            .listProviderIdentities({
              provider: "emailpass",
              entity_id: "ann@example.com",
            })
          return login.provider_metadata?.password
        }
        const hashBefore = await storedHash()
        expect(hashBefore).toEqual(expect.any(String))

        const wrong: number[] = []
        for (let i = 0; i < 5; i++) {
          wrong.push((await change(ann.token, WRONG_PASSWORD)).status)
        }
        const right = await change(ann.token, STORE_PASSWORD)

        expect(wrong).toEqual([400, 400, 400, 400, 400])
        expect(right.status).toBe(429)
        expect(right.data.code).toBe("too_many_attempts")
        expect(Number(right.headers["retry-after"])).toBeGreaterThan(0)
        const state = await credentialsOf(ann.customer_id)
        expect(state.failed_login_count).toBe(5)
        expect(state.locked_until).not.toBeNull()
        const signIn = await store.post("/store/credentials/login", {
          identifier: "ann@example.com",
          password: STORE_PASSWORD,
        })
        expect(signIn.status).toBe(429)
        // The password did not change (a sign-in would say nothing here: the
        // lock refuses every password).
        expect(await storedHash()).toBe(hashBefore)
      })

      it("shares the counter with sign-in, and a right current password clears it", async () => {
        const ann = await signedInCustomer("ann@example.com", "Ann")
        for (let i = 0; i < 2; i++) {
          const failed = await store.post("/store/credentials/login", {
            identifier: "ann@example.com",
            password: WRONG_PASSWORD,
          })
          expect(failed.status).toBe(401)
        }
        expect((await change(ann.token, WRONG_PASSWORD)).status).toBe(400)
        expect((await credentialsOf(ann.customer_id)).failed_login_count).toBe(
          3
        )

        const right = await change(ann.token, STORE_PASSWORD)

        expect(right.status).toBe(200)
        const state = await credentialsOf(ann.customer_id)
        expect(state.failed_login_count).toBe(0)
        expect(state.locked_until).toBeNull()
      })
    })
  },
})
