import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { createAdminAndSignIn } from "./utils/admin"
import { credentialsService, failure } from "./utils/credentials"

jest.setTimeout(120 * 1000)

const DEFAULTS = {
  customer_accounts_enabled: true,
  registration_enabled: true,
  customers_can_reset_password: true,
  allow_manual_entry: false,
  password_ticket_expiration_minutes: 0,
  require_email_confirmation: true,
  customers_can_change_password: true,
  password_policy: {
    min_length: 8,
    require_uppercase: true,
    require_digit: true,
    require_special: true,
    min_strength: 0,
  },
  force_login: false,
  lockout_threshold: 5,
  lockout_window_minutes: 15,
  lockout_minutes: 15,
  sso_enabled: false,
  sso_only: false,
  sso_button_label: "Sign in with your company account",
  sso_allowed_email_domains: [],
  backoffice_activation_sign_in: "customer_number",
  permissions: {
    place_orders: true,
    view_orders: true,
    view_invoices: true,
    view_prices: true,
    change_default_settings: true,
    manage_addresses: true,
  },
}

medusaIntegrationTestRunner({
  inApp: true,
  env: {},
  testSuite: ({ api, getContainer }) => {
    describe("/admin/credential-settings", () => {
      let headers: Record<string, string>

      beforeEach(async () => {
        ;({ headers } = await createAdminAndSignIn(getContainer(), api))
      })

      it("returns the defaults before anything is saved", async () => {
        const response = await api.get("/admin/credential-settings", {
          headers,
        })

        expect(response.status).toBe(200)
        expect(response.data.credential_settings).toEqual(DEFAULTS)
      })

      it("saves a partial update and keeps the other settings", async () => {
        const response = await api.post(
          "/admin/credential-settings",
          {
            allow_manual_entry: true,
            password_ticket_expiration_minutes: 90,
            password_policy: { min_length: 12, require_special: false },
          },
          { headers }
        )

        const expected = {
          ...DEFAULTS,
          allow_manual_entry: true,
          password_ticket_expiration_minutes: 90,
          password_policy: {
            ...DEFAULTS.password_policy,
            min_length: 12,
            require_special: false,
          },
        }
        expect(response.status).toBe(200)
        expect(response.data.credential_settings).toEqual(expected)

        const reread = await api.get("/admin/credential-settings", { headers })
        expect(reread.data.credential_settings).toEqual(expected)
      })

      it("hands a setting back to the plugin default when null is saved", async () => {
        await api.post(
          "/admin/credential-settings",
          { allow_manual_entry: true, password_policy: { min_length: 10 } },
          { headers }
        )
        const response = await api.post(
          "/admin/credential-settings",
          { allow_manual_entry: null, password_policy: { min_length: null } },
          { headers }
        )

        expect(response.data.credential_settings).toEqual(DEFAULTS)
        const rows = await credentialsService(
          getContainer()
        ).listCredentialSettings({})
        expect(rows).toHaveLength(1)
      })

      it("merges rights one by one and validates SSO settings", async () => {
        await api.post(
          "/admin/credential-settings",
          { permissions: { place_orders: false } },
          { headers }
        )
        const response = await api.post(
          "/admin/credential-settings",
          {
            permissions: { view_prices: false },
            sso_enabled: true,
            sso_allowed_email_domains: ["Example.COM"],
          },
          { headers }
        )

        expect(response.data.credential_settings.permissions).toEqual({
          ...DEFAULTS.permissions,
          place_orders: false,
          view_prices: false,
        })
        expect(
          response.data.credential_settings.sso_allowed_email_domains
        ).toEqual(["example.com"])

        const bad = await api
          .post(
            "/admin/credential-settings",
            {
              permissions: { fly: true },
              sso_allowed_email_domains: ["not a domain"],
            },
            { headers }
          )
          .catch(failure)
        expect(bad.status).toBe(400)
      })

      it.each([
        [
          { password_ticket_expiration_minutes: -1 },
          /password_ticket_expiration_minutes.*at least: '0'/,
        ],
        [
          { password_ticket_expiration_minutes: 1.5 },
          /'int' for field 'password_ticket_expiration_minutes'/,
        ],
        [{ password_policy: { min_length: 3 } }, /min_length.*at least: '6'/],
        [{ allow_manual_entry: "yes" }, /allow_manual_entry/],
        [{ unknown_setting: true }, /unknown_setting/],
        [{ password_policy: { require_emoji: true } }, /require_emoji/],
      ])(
        "refuses %j with 400 and a message, and saves nothing",
        async (body, message) => {
          const response = await api
            .post("/admin/credential-settings", body, { headers })
            .catch(failure)

          expect(response.status).toBe(400)
          expect(response.data.message).toMatch(message)
          const settings = await api.get("/admin/credential-settings", {
            headers,
          })
          expect(settings.data.credential_settings).toEqual(DEFAULTS)
        }
      )

      it("answers 401 without an admin session", async () => {
        const read = await api.get("/admin/credential-settings").catch(failure)
        const write = await api
          .post("/admin/credential-settings", { allow_manual_entry: true })
          .catch(failure)

        expect(read.status).toBe(401)
        expect(write.status).toBe(401)
      })
    })
  },
})
