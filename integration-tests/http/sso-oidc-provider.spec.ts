import { Modules } from "@medusajs/framework/utils"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { parseOidcOptions } from "../../src/providers/oidc/options"
import { createAdminAndSignIn } from "./utils/admin"
import { credentialsService, failure } from "./utils/credentials"
import { createRegisteredCustomer } from "./utils/customers"
import {
  OIDC_TEST_CALLBACK_URL,
  OIDC_TEST_CLIENT_ID,
  ssoBindingCookie,
  useOidcTestProvider,
  type OidcTestProvider,
  type OidcTestUser,
} from "./utils/oidc-test-provider"
import { createPublishableKeyHeader } from "./utils/store"
import { STORE_PASSWORD, storeClient } from "./utils/store-session"

jest.setTimeout(240 * 1000)

// The plugin's own OpenID Connect provider (src/providers/oidc) against two
// real issuers on loopback: "oidc" (verified emails only, from ok.com and
// example.com) and a second issuer registered as "oidc-partner".
const mainIssuer = useOidcTestProvider({
  OIDC_DISPLAY_NAME: "Acme ID",
  OIDC_ALLOWED_EMAIL_DOMAINS: "ok.com,example.com",
})
const partnerIssuer = useOidcTestProvider(
  { OIDC_PARTNER_DISPLAY_NAME: "Partner ID" },
  "OIDC_PARTNER"
)

const UNVERIFIABLE =
  "The identity provider's answer could not be verified: start signing in again."
const NOT_THIS_BROWSER = {
  type: "unauthorized",
  code: "sso_state_mismatch",
  message:
    "This sign-in was not started in this browser, was already used or has expired: start signing in again.",
}

describe("provider options (validateOptions, at start-up)", () => {
  const valid = {
    issuer: "https://sso.example.com/realms/shop",
    client_id: "storefront",
    client_secret: "secret",
    callback_url: "https://shop.example.com/account/sso",
  }

  it("fills in the defaults of a valid configuration", () => {
    expect(parseOidcOptions(valid)).toMatchObject({
      scopes: ["openid", "email", "profile"],
      require_verified_email: true,
      clock_tolerance_seconds: 30,
      token_endpoint_auth_method: "client_secret_basic",
    })
  })

  it.each([
    [
      "an http issuer",
      { issuer: "http://sso.example.com" },
      /issuer: must use https/,
    ],
    ["no issuer", { issuer: undefined }, /issuer:/],
    [
      "neither secret nor key",
      { client_secret: undefined },
      /client_secret: is required/,
    ],
    [
      "scopes without openid",
      { scopes: ["email"] },
      /scopes: must include "openid"/,
    ],
    [
      "an email as allowed domain",
      { allowed_email_domains: ["ok.com@evil.com"] },
      /allowed_email_domains\.0: must be a domain/,
    ],
    [
      "an authorization parameter the provider sets itself",
      { authorization_params: { redirect_uri: "x" } },
      /authorization_params/,
    ],
    [
      "an hour of clock tolerance",
      { clock_tolerance_seconds: 3600 },
      /clock_tolerance_seconds/,
    ],
    [
      "both a secret and a key",
      { private_key_jwt: { key: "not a key" } },
      /client_secret: set either client_secret or private_key_jwt/,
    ],
    ["an unknown option", { colour: "blue" }, /Unrecognized key.*colour/],
  ])("refuses %s, naming the option", (_case, change, message) => {
    expect(() => parseOidcOptions({ ...valid, ...change })).toThrow(message)
  })

  it("takes private_key_jwt instead of a secret", () => {
    expect(() =>
      parseOidcOptions({
        ...valid,
        client_secret: undefined,
        private_key_jwt: { key: { kty: "EC", d: "x" }, kid: "k1" },
      })
    ).not.toThrow()
  })
})

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
      await api.post(
        "/admin/credential-settings",
        { sso_enabled: true, sso_button_label: "Sign in with Acme ID" },
        { headers: adminHeaders }
      )
    })
    afterEach(async () => {
      await mainIssuer().tamper({})
    })

    /** A browser at the storefront: its own cookie for the sign-in it starts. */
    const browser = (provider = "oidc") => {
      let cookie = ""
      return {
        start: async () => {
          const response = await store.post(`/auth/customer/${provider}`, {})
          expect(response.status).toBe(200)
          cookie = ssoBindingCookie(response)
          return response
        },
        callback: (params: URLSearchParams, withCookie = cookie) =>
          api
            .get(`/auth/customer/${provider}/callback?${params}`, {
              headers: withCookie ? { cookie: withCookie } : {},
            })
            .catch(failure),
        get cookie() {
          return cookie
        },
      }
    }

    /** Up to the issuer's redirect back to the storefront. */
    const authorize = async (
      issuer: OidcTestProvider,
      user: OidcTestUser,
      provider = "oidc"
    ) => {
      const shopper = browser(provider)
      const started = await shopper.start()
      const params = await issuer.authorize(started.data.location, user)
      return { shopper, params }
    }

    /** The whole flow, up to the answer of sso/complete. */
    const signIn = async (
      issuer: OidcTestProvider,
      user: OidcTestUser,
      provider = "oidc"
    ) => {
      const { shopper, params } = await authorize(issuer, user, provider)
      const core = await shopper.callback(params)
      expect(core.status).toBe(200)
      return store.post("/store/credentials/sso/complete", {}, core.data.token)
    }

    const identityOf = async (provider: string, sub: string) => {
      const auth = getContainer().resolve(Modules.AUTH)
      const [providerIdentity] = await auth.listProviderIdentities({
        provider,
        entity_id: sub,
      })
      return providerIdentity ?? null
    }

    const eventsOf = async (customerId: string) =>
      (
        await credentialsService(getContainer()).listCredentialEvents(
          { customer_id: customerId },
          { order: { created_at: "ASC" } }
        )
      ).map((event) => [event.action, event.metadata?.provider])

    describe("the authorization request", () => {
      it("uses PKCE S256, state and nonce, and binds the state to the browser with an HttpOnly cookie", async () => {
        const started = await browser().start()
        const location = new URL(started.data.location)

        expect(location.origin).toBe(mainIssuer().issuer)
        expect(Object.fromEntries(location.searchParams)).toMatchObject({
          response_type: "code",
          client_id: OIDC_TEST_CLIENT_ID,
          redirect_uri: OIDC_TEST_CALLBACK_URL,
          scope: "openid email profile",
          code_challenge_method: "S256",
          code_challenge: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
          state: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
          nonce: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
        })
        const [cookie] = (started.headers["set-cookie"] as string[]).filter(
          (line) => line.startsWith("customer_credentials_sso_oidc=")
        )
        expect(cookie).toMatch(/; HttpOnly/)
        expect(cookie).toMatch(/; Path=\/auth\/customer\/oidc(;|$)/)
        expect(cookie).toMatch(/; Max-Age=900/)
        expect(cookie).not.toContain(location.searchParams.get("state"))
      })
    })

    describe("the callback", () => {
      const user = {
        sub: "idp-callback",
        email: "cal@ok.com",
        email_verified: true,
      }

      it("refuses a wrong state (401) and creates nothing", async () => {
        const { shopper, params } = await authorize(mainIssuer(), user)
        const wrong = new URLSearchParams(params)
        wrong.set("state", `${params.get("state")}x`)

        const refused = await shopper.callback(wrong)

        expect(refused.status).toBe(401)
        expect(refused.data).toEqual(NOT_THIS_BROWSER)
        expect(await identityOf("oidc", "idp-callback")).toBeNull()
      })

      it("refuses a second use of the same callback (401)", async () => {
        const { shopper, params } = await authorize(mainIssuer(), user)

        expect((await shopper.callback(params)).status).toBe(200)
        const again = await shopper.callback(params)

        expect(again.status).toBe(401)
        expect(again.data.message).toBe(
          "This sign-in has expired or was already used: start signing in again."
        )
      })

      it("refuses the callback in another browser (no cookie, or another sign-in's), and the browser that started it still finishes", async () => {
        const { shopper, params } = await authorize(mainIssuer(), user)
        const other = browser()
        await other.start()

        const noCookie = await shopper.callback(params, "")
        const otherCookie = await shopper.callback(params, other.cookie)

        expect(noCookie.status).toBe(401)
        expect(noCookie.data).toEqual(NOT_THIS_BROWSER)
        expect(otherCookie.status).toBe(401)
        expect(otherCookie.data).toEqual(NOT_THIS_BROWSER)
        expect(await identityOf("oidc", "idp-callback")).toBeNull()
        expect((await shopper.callback(params)).status).toBe(200)
      })

      it.each([
        ["a wrong nonce", { nonce: "not-the-nonce-of-this-sign-in" }],
        ["a key the issuer never published", { sign_with: "unknown" }],
        ["another issuer", { iss: "https://evil.example" }],
        ["another audience", { aud: "someone-else" }],
      ])("refuses an ID token with %s (401)", async (_case, changes) => {
        await mainIssuer().tamper(changes)
        const { shopper, params } = await authorize(mainIssuer(), {
          ...user,
          sub: "idp-tampered",
        })

        const refused = await shopper.callback(params)

        expect(refused.status).toBe(401)
        expect(refused.data.message).toBe(UNVERIFIABLE)
        expect(await identityOf("oidc", "idp-tampered")).toBeNull()
      })

      it("refuses an expired ID token, beyond the clock tolerance (401)", async () => {
        const now = Math.floor(Date.now() / 1000)
        await mainIssuer().tamper({ iat: now - 600, exp: now - 120 })
        const { shopper, params } = await authorize(mainIssuer(), {
          ...user,
          sub: "idp-expired",
        })

        const refused = await shopper.callback(params)

        expect(refused.status).toBe(401)
        expect(refused.data.message).toBe(UNVERIFIABLE)
        expect(await identityOf("oidc", "idp-expired")).toBeNull()
      })

      it("takes an ID token within the clock tolerance (expired 10 s ago)", async () => {
        const now = Math.floor(Date.now() / 1000)
        await mainIssuer().tamper({ iat: now - 300, exp: now - 10 })
        const { shopper, params } = await authorize(mainIssuer(), {
          ...user,
          sub: "idp-skewed",
        })

        expect((await shopper.callback(params)).status).toBe(200)
      })

      it("refuses an unverified email (require_verified_email)", async () => {
        const { shopper, params } = await authorize(mainIssuer(), {
          sub: "idp-unverified",
          email: "una@ok.com",
          email_verified: false,
        })

        const refused = await shopper.callback(params)

        expect(refused.status).toBe(401)
        expect(refused.data.message).toBe(
          "Your identity provider has not verified your email address: verify it there, then sign in again."
        )
        expect(await identityOf("oidc", "idp-unverified")).toBeNull()
      })

      it("reads the domain after the last @ (a@ok.com@evil.com is from evil.com)", async () => {
        const { shopper, params } = await authorize(mainIssuer(), {
          sub: "idp-trick",
          email: "a@ok.com@evil.com",
          email_verified: true,
        })

        const refused = await shopper.callback(params)

        expect(refused.status).toBe(401)
        expect(refused.data.message).toBe(
          "Accounts with evil.com addresses cannot sign in to this store."
        )
        expect(await identityOf("oidc", "idp-trick")).toBeNull()
      })
    })

    describe("key rotation", () => {
      it("keeps the session made before the issuer rotated its key, and signs in with the new key", async () => {
        const person = {
          sub: "idp-rotation",
          email: "rota@ok.com",
          email_verified: true,
        }
        const before = await signIn(mainIssuer(), person)
        expect(before.status).toBe(200)

        await mainIssuer().rotateKeys()
        // openid-client refetches the issuer's JWKS for an unknown key once
        // its copy is a minute old: the next sign-in comes a minute later.
        const realNow = Date.now.bind(Date)
        const clock = jest
          .spyOn(Date, "now")
          .mockImplementation(() => realNow() + 61 * 1000)
        try {
          const session = await store.get(
            "/store/customers/me",
            before.data.token
          )
          expect(session.status).toBe(200)

          const after = await signIn(mainIssuer(), person)
          expect(after.status).toBe(200)
          expect(after.data).toMatchObject({
            customer_id: before.data.customer_id,
            created: false,
          })
        } finally {
          clock.mockRestore()
        }
      })
    })

    describe("a second provider", () => {
      it("is offered by the store config with its label", async () => {
        const config = await store.get("/store/credentials/config")
        expect(config.data.config.sso.providers).toEqual([
          {
            id: "oidc",
            label: "Sign in with Acme ID",
            start_url: "/auth/customer/oidc",
          },
          {
            id: "oidc-partner",
            label: "Partner ID",
            start_url: "/auth/customer/oidc-partner",
          },
        ])
      })

      it("links to an existing confirmed customer by verified email; the admin sees it and unlinks it, in the audit trail", async () => {
        const existing = await createRegisteredCustomer(getContainer(), {
          email: "pia@example.com",
          password: STORE_PASSWORD,
        })
        await api.post(
          `/admin/customers/${existing.id}/credentials`,
          { email_confirmed: true },
          { headers: adminHeaders }
        )

        const linked = await signIn(
          partnerIssuer(),
          {
            sub: "partner-pia",
            email: "pia@example.com",
            email_verified: true,
          },
          "oidc-partner"
        )

        expect(linked.status).toBe(200)
        expect(linked.data).toMatchObject({
          customer_id: existing.id,
          created: false,
          linked: true,
        })
        const password = await store.post("/store/credentials/login", {
          identifier: "pia@example.com",
          password: STORE_PASSWORD,
        })
        expect(password.status).toBe(200)

        const logins = await api.get(
          `/admin/customers/${existing.id}/credentials/sso-logins`,
          { headers: adminHeaders }
        )
        expect(logins.data.sso_logins).toEqual([
          {
            auth_identity_id: expect.any(String),
            provider: "oidc-partner",
            label: "Partner ID",
            email: "pia@example.com",
          },
        ])

        const unlinked = await api.delete(
          `/admin/customers/${existing.id}/credentials/sso-logins/${logins.data.sso_logins[0].auth_identity_id}`,
          { headers: adminHeaders }
        )
        expect(unlinked.data.sso_logins).toEqual([])
        // The partner login's session ended; the password login's did not.
        expect(
          (await store.get("/store/customers/me", linked.data.token)).status
        ).toBe(401)
        expect(
          (await store.get("/store/customers/me", password.data.token)).status
        ).toBe(200)
        expect(await eventsOf(existing.id)).toEqual(
          expect.arrayContaining([
            ["sso_linked", "oidc-partner"],
            ["sso_signed_in", "oidc-partner"],
            ["sso_unlinked", "oidc-partner"],
          ])
        )

        const notTheirs = await api
          .delete(
            `/admin/customers/${existing.id}/credentials/sso-logins/${logins.data.sso_logins[0].auth_identity_id}`,
            { headers: adminHeaders }
          )
          .catch(failure)
        expect(notTheirs.status).toBe(404)
      })
    })

    describe("RP-initiated logout", () => {
      it("ends the session and returns the issuer's end-session URL, with the client_id and no ID token", async () => {
        const signedIn = await signIn(mainIssuer(), {
          sub: "idp-logout",
          email: "leo@ok.com",
          email_verified: true,
        })

        const logout = await store.post(
          "/store/credentials/sso/logout",
          {},
          signedIn.data.token
        )

        expect(logout.status).toBe(200)
        const location = new URL(logout.data.location)
        expect(`${location.origin}${location.pathname}`).toBe(
          `${mainIssuer().issuer}/session/end`
        )
        // The store's client_id, never the ID token (no token is stored):
        // the issuer takes it and shows its logout page.
        expect(Object.fromEntries(location.searchParams)).toEqual({
          client_id: OIDC_TEST_CLIENT_ID,
        })
        const issuerLogout = await fetch(location, { redirect: "manual" })
        expect(issuerLogout.status).toBe(200)
        expect(await issuerLogout.text()).toContain("logout")
        expect(
          (await store.get("/store/customers/me", signedIn.data.token)).status
        ).toBe(401)
      })

      it("never hands out an ID token a logout URL stored by an earlier version carried", async () => {
        const signedIn = await signIn(mainIssuer(), {
          sub: "idp-legacy-logout",
          email: "lea@ok.com",
          email_verified: true,
        })
        // What an earlier version stored: the issuer's logout URL with the
        // sign-in's ID token as id_token_hint.
        const identity = await identityOf("oidc", "idp-legacy-logout")
        const legacy = new URL(
          identity.provider_metadata!.end_session_url as string
        )
        legacy.searchParams.set("id_token_hint", "legacy.id.token")
        await getContainer()
          .resolve(Modules.AUTH)
          .updateProviderIdentities({
            id: identity.id,
            provider_metadata: {
              ...identity.provider_metadata,
              end_session_url: legacy.href,
            },
          })

        const logout = await store.post(
          "/store/credentials/sso/logout",
          {},
          signedIn.data.token
        )

        expect(logout.status).toBe(200)
        expect(
          Object.fromEntries(new URL(logout.data.location).searchParams)
        ).toEqual({ client_id: OIDC_TEST_CLIENT_ID })
      })

      it("answers location null for a password login", async () => {
        await createRegisteredCustomer(getContainer(), {
          email: "pam@example.com",
          password: STORE_PASSWORD,
        })
        const password = await store.post("/store/credentials/login", {
          identifier: "pam@example.com",
          password: STORE_PASSWORD,
        })

        const logout = await store.post(
          "/store/credentials/sso/logout",
          {},
          password.data.token
        )

        expect(logout.status).toBe(200)
        expect(logout.data).toEqual({ location: null })
      })
    })
  },
})
