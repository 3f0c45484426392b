import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { createAdminAndSignIn } from "./utils/admin"
import { createRegisteredCustomer } from "./utils/customers"
import { useOidcTestProvider } from "./utils/oidc-test-provider"
import { hasToken, routeMatrix } from "./utils/route-matrix"
import { createPublishableKeyHeader } from "./utils/store"
import { STORE_PASSWORD } from "./utils/store-session"

jest.setTimeout(600 * 1000)

// "SSO only" closes password sign-in only on a store that has the provider:
// a real OpenID Connect provider on loopback, started before Medusa boots.
useOidcTestProvider()

/**
 * The route matrix with "SSO only" on: no route, method or spelling takes a
 * password — to sign in, register, recover or activate.
 */
medusaIntegrationTestRunner({
  inApp: true,
  env: {},
  testSuite: ({ api, getContainer }) => {
    let publishable: Record<string, string>
    let adminHeaders: Record<string, string>
    const { send, sendMatrix, expectAllRefused } = routeMatrix(
      api,
      getContainer,
      () => publishable
    )
    const admin = (path: string, body: unknown) =>
      api.post(path, body, { headers: adminHeaders })

    beforeEach(async () => {
      publishable = await createPublishableKeyHeader(getContainer())
      ;({ headers: adminHeaders } = await createAdminAndSignIn(
        getContainer(),
        api
      ))
      await createRegisteredCustomer(getContainer(), {
        email: "ines@example.com",
        password: STORE_PASSWORD,
      })
      await admin("/admin/credential-settings", { sso_enabled: true })
    })

    const passwordRequests = [
      {
        path: "/auth/customer/emailpass",
        body: { email: "ines@example.com", password: STORE_PASSWORD },
      },
      {
        path: "/store/credentials/login",
        body: { identifier: "ines@example.com", password: STORE_PASSWORD },
      },
      {
        path: "/auth/customer/emailpass/register",
        body: { email: "new@example.com", password: STORE_PASSWORD },
      },
      {
        path: "/store/credentials/register",
        body: {
          email: "new@example.com",
          password: STORE_PASSWORD,
          first_name: "New",
          last_name: "Person",
        },
      },
      {
        path: "/auth/customer/emailpass/reset-password",
        body: { identifier: "ines@example.com" },
      },
      {
        path: "/store/credentials/resend-activation",
        body: { email: "ines@example.com" },
      },
    ]

    it("control: with SSO on but not only, the password still signs in", async () => {
      const response = await send("POST", passwordRequests[0])
      expect(response.status).toBe(200)
      expect(hasToken(response.data)).toBe(true)
    })

    it("takes no password on any route, method or spelling while SSO only is on", async () => {
      await admin("/admin/credential-settings", { sso_only: true })
      const outcomes = await sendMatrix("sso only", passwordRequests)
      expectAllRefused(outcomes)
      // The canonical routes say why, and where to sign in instead.
      const canonical = await send("POST", passwordRequests[0])
      expect(canonical.status).toBe(403)
      expect(canonical.data.code).toBe("sso_only")
    })
  },
})
