import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { createAdminAndSignIn } from "./utils/admin"
import { failure } from "./utils/credentials"
import {
  ssoBindingCookie,
  useOidcTestProvider,
  type OidcTestUser,
} from "./utils/oidc-test-provider"
import { createPublishableKeyHeader } from "./utils/store"
import { storeClient } from "./utils/store-session"

jest.setTimeout(5 * 60 * 1000)

// A real OpenID Connect issuer on loopback (oidc-provider), started before
// Medusa boots so medusa-config.ts registers the plugin's OIDC provider.
const oidcIssuer = useOidcTestProvider()

const USER: OidcTestUser = {
  sub: "idp-secret-keeper",
  email: "sso-keeper@example.com",
  email_verified: true,
  given_name: "Sam",
  family_name: "Keeper",
}

/**
 * A secret as code might store or log it without its plain text: base64,
 * base64url, URL-encoded, JSON-escaped (as reliability-secrets.spec.ts).
 */
const encodedForms = (secret: string) => [
  ...new Set([
    secret,
    Buffer.from(secret).toString("base64"),
    Buffer.from(secret).toString("base64url"),
    encodeURIComponent(secret),
    JSON.stringify(secret).slice(1, -1),
  ]),
]

/** What one sign-in's secrets are, as the browser and the server saw them. */
type SignInSecrets = Record<string, string>

medusaIntegrationTestRunner({
  inApp: true,
  env: {},
  testSuite: ({ api, getContainer }) => {
    it("keeps the sign-in's ID token, access token, code, state, nonce and PKCE verifier out of the database, the cache, the events and the notifications; the logout URL carries none", async () => {
      const container = getContainer()
      const issuer = oidcIssuer().issuer

      /** Every event emitted, by name, with its payload as JSON text. */
      const events: { name: string; text: string }[] = []
      const eventBus = container.resolve(Modules.EVENT_BUS)
      const emit = eventBus.emit.bind(eventBus)
      eventBus.emit = ((data: unknown, options: unknown) => {
        for (const message of [data].flat() as { name?: string }[]) {
          events.push({
            name: String(message?.name),
            text: JSON.stringify(message),
          })
        }
        return emit(data as never, options as never)
      }) as typeof eventBus.emit

      // The issuer's token endpoint answers the plugin's provider (through
      // openid-client, in this process) with the tokens: read them there.
      const tokenAnswers: Record<string, unknown>[] = []
      const realFetch = globalThis.fetch
      globalThis.fetch = (async (
        input: Parameters<typeof fetch>[0],
        init?: Parameters<typeof fetch>[1]
      ) => {
        const response = await realFetch(input, init)
        const url =
          input instanceof Request ? input.url : new URL(String(input)).href
        if (url === `${issuer}/token` && response.ok) {
          tokenAnswers.push(await response.clone().json())
        }
        return response
      }) as typeof fetch

      const cache = container.resolve(Modules.CACHE)
      const stateKey = (state: string) =>
        `customer-credentials:oidc:${issuer}:${state}`

      try {
        const store = storeClient(
          api,
          await createPublishableKeyHeader(container)
        )
        const { headers } = await createAdminAndSignIn(container, api)
        await api.post(
          "/admin/credential-settings",
          { sso_enabled: true },
          { headers }
        )

        /** One whole sign-in; returns the session and every secret it used. */
        const signIn = async () => {
          const started = await store.post("/auth/customer/oidc", {})
          expect(started.status).toBe(200)
          const location = new URL(started.data.location as string)
          const state = location.searchParams.get("state")!
          const nonce = location.searchParams.get("nonce")!
          // What the server keeps until the callback (the auth module's cache).
          const pending = (await cache.get(stateKey(state))) as {
            code_verifier: string
            nonce: string
          } | null
          expect(pending).toEqual(
            expect.objectContaining({
              code_verifier: expect.any(String),
              nonce,
            })
          )

          const answers = tokenAnswers.length
          const params = await oidcIssuer().authorize(location.href, USER)
          const callback = await api
            .get(`/auth/customer/oidc/callback?${params}`, {
              headers: { cookie: ssoBindingCookie(started) },
            })
            .catch(failure)
          expect(callback.status).toBe(200)
          // The state is spent: the cache keeps nothing of the sign-in.
          expect(await cache.get(stateKey(state))).toBeFalsy()

          const completed = await store.post(
            "/store/credentials/sso/complete",
            {},
            callback.data.token
          )
          expect(completed.status).toBe(200)

          // The issuer answered the token request once for this sign-in.
          expect(tokenAnswers.length).toBe(answers + 1)
          const tokens = tokenAnswers[answers] as {
            id_token?: string
            access_token?: string
            refresh_token?: string
          }
          expect(tokens.id_token).toEqual(expect.any(String))
          expect(tokens.access_token).toEqual(expect.any(String))
          const secrets: SignInSecrets = {
            id_token: tokens.id_token!,
            // The ID token's signature alone identifies it too.
            id_token_signature: tokens.id_token!.split(".")[2],
            access_token: tokens.access_token!,
            authorization_code: params.get("code")!,
            state,
            nonce,
            code_verifier: pending!.code_verifier,
          }
          // The test issuer grants no offline_access: a refresh token is
          // scanned for whenever one is issued.
          if (tokens.refresh_token) {
            secrets.refresh_token = tokens.refresh_token
          }
          for (const [name, value] of Object.entries(secrets)) {
            expect({ secret: name, value }).toEqual({
              secret: name,
              value: expect.stringMatching(/.{16,}/),
            })
          }
          return { token: completed.data.token as string, secrets }
        }

        // A first sign-in creates the customer and the identity, a second
        // updates the identity's provider metadata.
        const first = await signIn()
        const second = await signIn()

        const logout = await store.post(
          "/store/credentials/sso/logout",
          {},
          second.token
        )
        expect(logout.status).toBe(200)
        const logoutUrl = new URL(logout.data.location as string)
        expect(`${logoutUrl.origin}${logoutUrl.pathname}`).toBe(
          `${issuer}/session/end`
        )

        // The scan: every table as text, stored notifications, events.
        const pg = container.resolve(ContainerRegistrationKeys.PG_CONNECTION)
        const tables = await pg.raw(
          `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`
        )
        let database = ""
        for (const { table_name } of tables.rows as { table_name: string }[]) {
          const rows = await pg.raw(
            `SELECT coalesce(string_agg(t::text, E'\\n'), '') AS dump FROM "${table_name}" t`
          )
          database += rows.rows[0].dump
        }
        // The scan reads real rows: the identity, its metadata, the customer.
        expect(database).toContain(USER.sub)
        expect(database).toContain(USER.email)
        expect(database).toContain(`${issuer}/session/end`)

        const notifications = JSON.stringify(
          await container
            .resolve(Modules.NOTIFICATION)
            .listNotifications({}, { take: 1000 })
        )
        // The capture saw the flow's events (a scan of nothing finds nothing).
        expect(events.map((event) => event.name)).toContain("customer.created")

        const found = (secret: string, text: string) =>
          encodedForms(secret).filter((form) => text.includes(form))
        for (const [signInName, { secrets }] of Object.entries({
          first,
          second,
        })) {
          for (const [name, secret] of Object.entries(secrets)) {
            expect({
              sign_in: signInName,
              secret: name,
              database: found(secret, database),
              notifications: found(secret, notifications),
              events: [
                ...new Set(
                  events
                    .filter((event) => found(secret, event.text).length)
                    .map((event) => event.name)
                ),
              ],
              logout_url: found(secret, logoutUrl.href),
            }).toEqual({
              sign_in: signInName,
              secret: name,
              database: [],
              notifications: [],
              events: [],
              logout_url: [],
            })
          }
        }
        process.stdout.write(
          `sso secrets: scanned ${tables.rows.length} tables, ${events.length} events, 2 sign-ins × ${Object.keys(second.secrets).length} secrets, each raw, base64, base64url, URL-encoded and JSON-escaped\n`
        )
      } finally {
        globalThis.fetch = realFetch
        eventBus.emit = emit
      }
    })
  },
})
