import { Modules } from "@medusajs/framework/utils"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { createAdminAndSignIn } from "./utils/admin"
import { credentialsService, failure } from "./utils/credentials"
import { createCustomer, createRegisteredCustomer } from "./utils/customers"
import {
  ssoBindingCookie,
  useOidcTestProvider,
  type OidcTestUser,
} from "./utils/oidc-test-provider"
import { createPublishableKeyHeader } from "./utils/store"
import { STORE_PASSWORD, storeClient } from "./utils/store-session"

jest.setTimeout(180 * 1000)

// A real OpenID Connect provider on a loopback port, started before Medusa
// boots so medusa-config.ts registers the plugin's OIDC provider against it.
// Unverified emails reach the plugin, which must refuse to link them.
const oidcProvider = useOidcTestProvider({
  OIDC_REQUIRE_VERIFIED_EMAIL: "false",
})

medusaIntegrationTestRunner({
  inApp: true,
  env: {},
  testSuite: ({ api, getContainer }) => {
    let store: ReturnType<typeof storeClient>
    let adminHeaders: Record<string, string>

    const admin = {
      post: (path: string, body: unknown) =>
        api.post(path, body, { headers: adminHeaders }),
    }

    beforeEach(async () => {
      store = storeClient(api, await createPublishableKeyHeader(getContainer()))
      ;({ headers: adminHeaders } = await createAdminAndSignIn(
        getContainer(),
        api
      ))
      await admin.post("/admin/credential-settings", { sso_enabled: true })
    })

    /** The browser's cookie that binds the last sign-in started to it. */
    let browserCookie = ""

    /** Storefront: "Sign in with …" → `sdk.auth.login("customer", "oidc")`. */
    const start = async () => {
      const response = await store.post("/auth/customer/oidc", {})
      expect(response.status).toBe(200)
      browserCookie = ssoBindingCookie(response)
      return response.data.location as string
    }

    /** Storefront callback page: `sdk.auth.callback("customer", "oidc", query)`. */
    const callback = (params: URLSearchParams) =>
      api
        .get(`/auth/customer/oidc/callback?${params}`, {
          headers: { cookie: browserCookie },
        })
        .catch(failure)

    const complete = (token: string) =>
      store.post("/store/credentials/sso/complete", {}, token)

    /** The whole flow, up to the answer of sso/complete. */
    const signInWithSso = async (user: OidcTestUser) => {
      const params = await oidcProvider().authorize(await start(), user)
      const core = await callback(params)
      expect(core.status).toBe(200)
      return complete(core.data.token)
    }

    const customersWithEmail = (email: string) =>
      getContainer().resolve(Modules.CUSTOMER).listCustomers({ email })

    const identityOf = async (sub: string) => {
      const auth = getContainer().resolve(Modules.AUTH)
      const [providerIdentity] = await auth.listProviderIdentities({
        provider: "oidc",
        entity_id: sub,
      })
      return providerIdentity
        ? auth.retrieveAuthIdentity(providerIdentity.auth_identity_id!)
        : null
    }

    const eventsOf = async (customerId: string) =>
      (
        await credentialsService(getContainer()).listCredentialEvents(
          { customer_id: customerId },
          { order: { created_at: "ASC" } }
        )
      ).map((event) => event.action)

    describe("after the admin deletes the customer", () => {
      it("signs the person in again as a new customer", async () => {
        const user = {
          sub: "idp-user-deleted",
          email: "dana@example.com",
          email_verified: true,
          given_name: "Dana",
          family_name: "Deleted",
        }
        const first = await signInWithSso(user)
        expect(first.status).toBe(200)
        const deleted = await api
          .delete(`/admin/customers/${first.data.customer_id}`, {
            headers: adminHeaders,
          })
          .catch(failure)
        expect(deleted.status).toBe(200)
        // The old session ends with the customer.
        expect(
          (await store.get("/store/customers/me", first.data.token)).status
        ).toBe(401)

        // The deleted customer's logins are tidied just after core answers.
        let again = await signInWithSso(user)
        for (let i = 0; i < 20 && again.status !== 200; i++) {
          await new Promise((resolve) => setTimeout(resolve, 100))
          again = await signInWithSso(user)
        }
        expect(again.status).toBe(200)
        expect(again.data).toEqual(
          expect.objectContaining({ created: true, linked: true })
        )
        expect(again.data.customer_id).not.toBe(first.data.customer_id)
        expect(
          (await store.get("/store/customers/me", again.data.token)).status
        ).toBe(200)
      })
    })

    describe("first sign-in", () => {
      it("creates a customer from the claims and signs them in", async () => {
        const response = await signInWithSso({
          sub: "idp-user-new",
          email: "nina@example.com",
          email_verified: true,
          given_name: "Nina",
          family_name: "Novak",
        })

        expect(response.status).toBe(200)
        expect(response.data).toEqual({
          token: expect.any(String),
          customer_id: expect.stringMatching(/^cus_/),
          created: true,
          linked: true,
        })
        const me = await store.get("/store/customers/me", response.data.token)
        expect(me.status).toBe(200)
        expect(me.data.customer).toMatchObject({
          id: response.data.customer_id,
          email: "nina@example.com",
          first_name: "Nina",
          last_name: "Novak",
          has_account: true,
        })
        const [credential] = await credentialsService(
          getContainer()
        ).listCustomerCredentials({ customer_id: response.data.customer_id })
        expect(credential.email_confirmed).toBe(true)
        expect(credential.registered_at).not.toBeNull()
        expect(await eventsOf(response.data.customer_id)).toEqual([
          "sso_linked",
          "sso_signed_in",
        ])
        expect(
          (await identityOf("idp-user-new"))?.app_metadata?.customer_id
        ).toBe(response.data.customer_id)
      })

      it("signs the same person in again as the same customer, without a second account", async () => {
        const user = {
          sub: "idp-user-again",
          email: "olga@example.com",
          email_verified: true,
          given_name: "Olga",
        }
        const first = await signInWithSso(user)

        // The identity is linked now: core's callback token already acts for
        // the customer, and sso/complete answers with a fresh one.
        const params = await oidcProvider().authorize(await start(), user)
        const core = await callback(params)
        const again = await complete(core.data.token)

        expect(again.status).toBe(200)
        expect(again.data).toMatchObject({
          customer_id: first.data.customer_id,
          created: false,
          linked: false,
        })
        expect(await customersWithEmail("olga@example.com")).toHaveLength(1)
      })

      it("finds a linked person by sub after their email changed at the issuer, and links nobody else", async () => {
        const first = await signInWithSso({
          sub: "idp-user-renamed",
          email: "ren@example.com",
          email_verified: true,
        })
        expect(first.status).toBe(200)
        // A customer of the store already has the person's new address.
        const other = await createRegisteredCustomer(getContainer(), {
          email: "ren.new@example.com",
          password: STORE_PASSWORD,
        })
        await admin.post(`/admin/customers/${other.id}/credentials`, {
          email_confirmed: true,
        })

        const renamed = await signInWithSso({
          sub: "idp-user-renamed",
          email: "ren.new@example.com",
          email_verified: true,
        })

        expect(renamed.status).toBe(200)
        expect(renamed.data).toMatchObject({
          customer_id: first.data.customer_id,
          created: false,
          linked: false,
        })
        const me = await store.get("/store/customers/me", renamed.data.token)
        expect(me.data.customer.id).toBe(first.data.customer_id)
        expect(await customersWithEmail("ren.new@example.com")).toEqual([
          expect.objectContaining({ id: other.id }),
        ])
        const identities = await getContainer()
          .resolve(Modules.AUTH)
          .listProviderIdentities({ provider: "oidc" })
        expect(
          identities.filter((identity) =>
            [
              "idp-user-renamed",
              "ren@example.com",
              "ren.new@example.com",
            ].includes(identity.entity_id)
          )
        ).toEqual([expect.objectContaining({ entity_id: "idp-user-renamed" })])
        expect(
          (await identityOf("idp-user-renamed"))?.app_metadata?.customer_id
        ).toBe(first.data.customer_id)
        expect(await eventsOf(other.id)).not.toContain("sso_linked")
      })
    })

    describe("account linking", () => {
      it("links an existing password customer by verified email, and their confirmed password keeps working", async () => {
        const existing = await createRegisteredCustomer(getContainer(), {
          email: "pat@example.com",
          password: STORE_PASSWORD,
          first_name: "Pat",
        })
        // An unconfirmed password login loses its password when linked
        // (gates-adoption-and-linking.spec.ts); this one was confirmed.
        await admin.post(`/admin/customers/${existing.id}/credentials`, {
          email_confirmed: true,
        })

        const response = await signInWithSso({
          sub: "idp-user-pat",
          email: "Pat@Example.com",
          email_verified: true,
          given_name: "Patricia",
        })

        expect(response.status).toBe(200)
        expect(response.data).toMatchObject({
          customer_id: existing.id,
          created: false,
          linked: true,
        })
        expect(await customersWithEmail("pat@example.com")).toHaveLength(1)
        const me = await store.get("/store/customers/me", response.data.token)
        expect(me.data.customer.id).toBe(existing.id)

        const password = await store.post("/store/credentials/login", {
          identifier: "pat@example.com",
          password: STORE_PASSWORD,
        })
        expect(password.status).toBe(200)
        const meByPassword = await store.get(
          "/store/customers/me",
          password.data.token
        )
        expect(meByPassword.data.customer.id).toBe(existing.id)
      })

      it("turns a guest with the verified email into a registered customer, without a second customer", async () => {
        const guest = await createCustomer(getContainer(), {
          email: "gwen@example.com",
          first_name: "Gwen",
        })
        expect(guest.has_account).toBe(false)

        const response = await signInWithSso({
          sub: "idp-user-gwen",
          email: "gwen@example.com",
          email_verified: true,
          given_name: "Gwendolyn",
        })

        expect(response.status).toBe(200)
        expect(response.data).toMatchObject({
          customer_id: guest.id,
          created: false,
          linked: true,
        })
        const me = await store.get("/store/customers/me", response.data.token)
        expect(me.data.customer).toMatchObject({
          id: guest.id,
          has_account: true,
        })
        expect(await customersWithEmail("gwen@example.com")).toEqual([
          expect.objectContaining({ id: guest.id, has_account: true }),
        ])
        expect(
          (await identityOf("idp-user-gwen"))?.app_metadata?.customer_id
        ).toBe(guest.id)
      })

      it("does not hold an SSO session to a pending temporary-password change", async () => {
        const existing = await createRegisteredCustomer(getContainer(), {
          email: "tom@example.com",
          password: STORE_PASSWORD,
        })
        await admin.post("/admin/credential-settings", {
          allow_manual_entry: true,
        })
        await admin.post(
          `/admin/customers/${existing.id}/credentials/password`,
          {
            password: "Temp-Passw0rd!",
            confirm_password: "Temp-Passw0rd!",
            temporary: true,
          }
        )

        const response = await signInWithSso({
          sub: "idp-user-tom",
          email: "tom@example.com",
          email_verified: true,
        })
        const me = await store.get("/store/customers/me", response.data.token)
        const password = await store.post("/store/credentials/login", {
          identifier: "tom@example.com",
          password: "Temp-Passw0rd!",
        })
        const meByPassword = await store.get(
          "/store/customers/me",
          password.data.token
        )

        expect(me.status).toBe(200)
        expect(meByPassword.status).toBe(403)
        expect(meByPassword.data.code).toBe("password_change_required")
      })

      it("never links an unverified email to an existing customer (409)", async () => {
        const existing = await createRegisteredCustomer(getContainer(), {
          email: "quinn@example.com",
          password: STORE_PASSWORD,
        })

        const response = await signInWithSso({
          sub: "idp-user-impostor",
          email: "quinn@example.com",
          email_verified: false,
        })

        expect(response.status).toBe(409)
        expect(response.data).toEqual({
          type: "conflict",
          code: "email_not_verified",
          message: expect.stringMatching(
            /not verified that this address is yours/
          ),
        })
        expect(
          (await identityOf("idp-user-impostor"))?.app_metadata?.customer_id
        ).toBeUndefined()
        expect(await customersWithEmail("quinn@example.com")).toEqual([
          expect.objectContaining({ id: existing.id }),
        ])
      })

      it("refuses a new account for an unverified email while the store requires confirmed emails", async () => {
        const response = await signInWithSso({
          sub: "idp-user-unverified",
          email: "rey@example.com",
          email_verified: false,
        })

        expect(response.status).toBe(403)
        expect(response.data.code).toBe("email_not_verified")
        expect(await customersWithEmail("rey@example.com")).toHaveLength(0)
      })

      it("applies the allowed email domains and the login switch", async () => {
        await admin.post("/admin/credential-settings", {
          sso_allowed_email_domains: ["corp.example"],
        })
        const outsider = await signInWithSso({
          sub: "idp-user-outsider",
          email: "sam@elsewhere.example",
          email_verified: true,
        })
        expect(outsider.status).toBe(403)
        expect(outsider.data.code).toBe("email_domain_not_allowed")

        const existing = await createRegisteredCustomer(getContainer(), {
          email: "tess@corp.example",
          password: STORE_PASSWORD,
        })
        await admin.post(`/admin/customers/${existing.id}/credentials`, {
          login_enabled: false,
        })
        const disabled = await signInWithSso({
          sub: "idp-user-tess",
          email: "tess@corp.example",
          email_verified: true,
        })
        expect(disabled.status).toBe(401)
        expect(disabled.data.code).toBe("login_disabled")
        expect(
          (await identityOf("idp-user-tess"))?.app_metadata?.customer_id
        ).toBeUndefined()
      })

      it("answers 403 while single sign-on is turned off, and 401 for a password token", async () => {
        // A sign-in started while SSO was on, finished after it was turned off.
        const params = await oidcProvider().authorize(await start(), {
          sub: "idp-user-off",
          email: "uma@example.com",
          email_verified: true,
        })
        await admin.post("/admin/credential-settings", { sso_enabled: false })
        const finished = await callback(params)
        expect(finished.status).toBe(403)
        expect(finished.data.code).toBe("sso_disabled")
        // Core's own start and callback routes are closed too.
        const started = await store.post("/auth/customer/oidc", {})
        expect(started.status).toBe(403)
        expect(started.data.code).toBe("sso_disabled")

        await createRegisteredCustomer(getContainer(), {
          email: "vic@example.com",
          password: STORE_PASSWORD,
        })
        const password = await store.post("/auth/customer/emailpass", {
          email: "vic@example.com",
          password: STORE_PASSWORD,
        })
        const withPasswordToken = await complete(password.data.token)
        expect(withPasswordToken.status).toBe(401)
      })
    })

    describe("the provider's answer is checked", () => {
      it("refuses a tampered state and a replayed callback", async () => {
        const params = await oidcProvider().authorize(await start(), {
          sub: "idp-user-tampered",
          email: "wes@example.com",
          email_verified: true,
        })
        const tampered = new URLSearchParams(params)
        tampered.set("state", `${params.get("state")}x`)

        const refused = await callback(tampered)

        expect(refused.status).toBe(401)
        expect(await identityOf("idp-user-tampered")).toBeNull()
        expect(await customersWithEmail("wes@example.com")).toHaveLength(0)

        // The state is single use: the genuine answer works once.
        expect((await callback(params)).status).toBe(200)
        expect((await callback(params)).status).toBe(401)
      })
    })

    describe("SSO only", () => {
      it("closes password sign-in, registration and recovery with 403 pointing to SSO", async () => {
        await createRegisteredCustomer(getContainer(), {
          email: "xena@example.com",
          password: STORE_PASSWORD,
        })
        await admin.post("/admin/credential-settings", {
          sso_only: true,
          sso_button_label: "Sign in with Acme ID",
        })

        const refused = [
          await store.post("/store/credentials/login", {
            identifier: "xena@example.com",
            password: STORE_PASSWORD,
          }),
          await store.post("/auth/customer/emailpass", {
            email: "xena@example.com",
            password: STORE_PASSWORD,
          }),
          await store.post("/store/credentials/register", {
            email: "yan@example.com",
            password: STORE_PASSWORD,
            first_name: "Yan",
            last_name: "Young",
          }),
          await store.post("/auth/customer/emailpass/register", {
            email: "yan@example.com",
            password: STORE_PASSWORD,
          }),
          await store.post("/auth/customer/emailpass/reset-password", {
            identifier: "xena@example.com",
          }),
        ]
        for (const response of refused) {
          expect(response.status).toBe(403)
          expect(response.data).toEqual({
            type: "not_allowed",
            code: "sso_only",
            message:
              'This store signs customers in with single sign-on only: use "Sign in with Acme ID".',
            sso_start_url: "/auth/customer/oidc",
          })
        }
        expect(await customersWithEmail("yan@example.com")).toHaveLength(0)

        const sso = await signInWithSso({
          sub: "idp-user-xena",
          email: "xena@example.com",
          email_verified: true,
        })
        expect(sso.status).toBe(200)
      })
    })

    describe("GET /store/credentials/config", () => {
      const ssoConfig = async () =>
        (await store.get("/store/credentials/config")).data.config.sso

      it("reports SSO, and auto_redirect only with both force login and SSO only", async () => {
        await admin.post("/admin/credential-settings", {
          sso_button_label: "Sign in with Acme ID",
        })
        expect(await ssoConfig()).toEqual({
          enabled: true,
          only: false,
          button_label: "Sign in with Acme ID",
          start_url: "/auth/customer/oidc",
          auto_redirect: false,
          providers: [
            {
              id: "oidc",
              label: "Sign in with Acme ID",
              start_url: "/auth/customer/oidc",
            },
          ],
        })

        await admin.post("/admin/credential-settings", { force_login: true })
        expect((await ssoConfig()).auto_redirect).toBe(false)

        await admin.post("/admin/credential-settings", {
          force_login: false,
          sso_only: true,
        })
        expect(await ssoConfig()).toMatchObject({
          only: true,
          auto_redirect: false,
        })
        expect(
          (await store.get("/store/credentials/config")).data.config
            .registration_open
        ).toBe(false)

        await admin.post("/admin/credential-settings", { force_login: true })
        expect(await ssoConfig()).toMatchObject({
          only: true,
          auto_redirect: true,
        })

        await admin.post("/admin/credential-settings", { sso_enabled: false })
        expect(await ssoConfig()).toEqual({
          enabled: false,
          only: false,
          button_label: null,
          start_url: null,
          auto_redirect: false,
          providers: [],
        })
      })
    })
  },
})
