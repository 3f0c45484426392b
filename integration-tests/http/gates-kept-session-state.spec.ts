import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { createAdminAndSignIn } from "./utils/admin"
import { createRegisteredCustomer } from "./utils/customers"
import { createPublishableKeyHeader } from "./utils/store"
import { STORE_PASSWORD, storeClient } from "./utils/store-session"

jest.setTimeout(120 * 1000)

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * The token gate keeps what it read of a login between the changes that
 * PostgreSQL announces (src/modules/credentials/session-states.ts). A change
 * made anywhere (another server instance, a script, an operator's SQL) ends
 * what was kept as soon as its transaction commits: these tests write
 * straight to the database, as another instance would, and check that the
 * next requests see it.
 */
medusaIntegrationTestRunner({
  inApp: true,
  env: {},
  testSuite: ({ api, getContainer }) => {
    let store: ReturnType<typeof storeClient>
    let adminHeaders: Record<string, string>

    const sql = async (text: string, bindings: unknown[] = []) =>
      (
        await getContainer()
          .resolve(ContainerRegistrationKeys.PG_CONNECTION)
          .raw(text, bindings as never)
      ).rows

    /** The server's change feed listens on this database. */
    const feedListens = async () => {
      for (let i = 0; i < 100; i++) {
        const [{ count }] = await sql(
          `SELECT count(*)::int AS count FROM pg_stat_activity
           WHERE datname = current_database()
             AND query = 'LISTEN customer_credentials_changed'`
        )
        if (count > 0) {
          return
        }
        await sleep(50)
      }
      throw new Error("the change feed never listened")
    }

    /** The first answer that `accept` takes, within one second. */
    const settles = async (
      request: () => Promise<{ status: number; data: any }>,
      accept: (response: { status: number; data: any }) => boolean
    ) => {
      let response = await request()
      for (let i = 0; i < 20 && !accept(response); i++) {
        await sleep(50)
        response = await request()
      }
      return response
    }

    const signedIn = async (email: string) => {
      const customer = await createRegisteredCustomer(getContainer(), {
        email,
        password: STORE_PASSWORD,
      })
      await api.post(
        `/admin/customers/${customer.id}/credentials`,
        { email_confirmed: true },
        { headers: adminHeaders }
      )
      const login = await store.post("/store/credentials/login", {
        identifier: email,
        password: STORE_PASSWORD,
      })
      expect(login.status).toBe(200)
      await feedListens()
      // Read once, then kept.
      for (let i = 0; i < 3; i++) {
        expect(
          (await store.get("/store/customers/me", login.data.token)).status
        ).toBe(200)
      }
      const [identity] = await sql(
        `SELECT auth_identity_id AS id FROM provider_identity WHERE entity_id = ?`,
        [email]
      )
      return {
        customer,
        token: login.data.token as string,
        authIdentityId: identity.id as string,
      }
    }

    beforeEach(async () => {
      store = storeClient(api, await createPublishableKeyHeader(getContainer()))
      ;({ headers: adminHeaders } = await createAdminAndSignIn(
        getContainer(),
        api
      ))
    })

    it("ends a kept session when sign-in is turned off by a write outside this server", async () => {
      const { customer, token } = await signedIn("outside@example.com")

      await sql(
        `UPDATE customer_credential SET login_enabled = false WHERE customer_id = ?`,
        [customer.id]
      )

      const after = await settles(
        () => store.get("/store/customers/me", token),
        (response) => response.status === 401
      )
      expect(after.status).toBe(401)
      expect(after.data.code).toBe("login_disabled")
    })

    it("ends a kept session when the temporary password's expiry passes, without any announcement", async () => {
      const { customer, token } = await signedIn("expiring@example.com")
      await sql(
        `UPDATE customer_credential
         SET must_change_password = true, temporary_password_expires_at = now() + interval '1 second'
         WHERE customer_id = ?`,
        [customer.id]
      )
      // Kept with the expiry, which is compared with the clock on every request.
      const restricted = await settles(
        () => store.get("/store/customers/me", token),
        (response) => response.status === 403
      )
      expect(restricted.data.code).toBe("password_change_required")
      await sleep(1_100)
      const expired = await store.get("/store/customers/me", token)
      expect(expired.status).toBe(401)
      expect(expired.data.code).toBe("temporary_password_expired")
    })

    it("keeps what it read until a change is announced, and reads again then", async () => {
      const { token, authIdentityId } = await signedIn("kept@example.com")

      // A new session epoch written behind the plugin's back (its one
      // writer, login-sessions.ts, announces every change it makes): the
      // gate still answers from what it kept, which shows it kept it ...
      await sql(
        `UPDATE auth_identity
         SET app_metadata = app_metadata || '{"session_epoch": 1}'::jsonb
         WHERE id = ?`,
        [authIdentityId]
      )
      expect((await store.get("/store/customers/me", token)).status).toBe(200)

      // ... until the login's change is announced.
      await sql(`SELECT pg_notify('customer_credentials_changed', ?)`, [
        `login:${authIdentityId}`,
      ])
      const after = await settles(
        () => store.get("/store/customers/me", token),
        (response) => response.status === 401
      )
      expect(after.status).toBe(401)
      expect(after.data.code).toBe("session_ended")
    })

    it("sees the store's settings changed by a write outside this server", async () => {
      // Saved once through the admin (the row exists), then read and kept.
      await api.post(
        "/admin/credential-settings",
        { customer_accounts_enabled: true },
        { headers: adminHeaders }
      )
      await feedListens()
      for (let i = 0; i < 2; i++) {
        expect(
          (await store.get("/store/credentials/config")).data.config
            .registration_open
        ).toBe(true)
      }

      await sql(
        `UPDATE credential_settings SET customer_accounts_enabled = false`
      )

      const after = await settles(
        () => store.get("/store/credentials/config"),
        (response) => response.data.config.registration_open === false
      )
      expect(after.data.config.registration_open).toBe(false)
      const registration = await store.post("/store/credentials/register", {
        email: "closed@example.com",
        password: STORE_PASSWORD,
        first_name: "Closed",
        last_name: "Store",
      })
      expect(registration.status).toBe(403)
    })

    it("ends a kept session at once when the customer signs out everywhere", async () => {
      const { token } = await signedIn("everywhere@example.com")
      expect(
        (await store.post("/store/credentials/sign-out-everywhere", {}, token))
          .status
      ).toBeLessThan(300)
      // The writer forgets on its own server before it answers: no wait.
      const after = await store.get("/store/customers/me", token)
      expect(after.status).toBe(401)
      expect(after.data.code).toBe("session_ended")
    })
  },
})
