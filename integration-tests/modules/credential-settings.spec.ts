import { moduleIntegrationTestRunner } from "@medusajs/test-utils"
import path from "path"
import { CREDENTIALS_MODULE } from "../../src/modules/credentials"
import {
  CredentialEvent,
  CredentialSettings,
  CustomerCredential,
} from "../../src/modules/credentials/models"
import { parseCredentialsOptions } from "../../src/modules/credentials/options"
import CredentialsModuleService from "../../src/modules/credentials/service"

jest.setTimeout(60 * 1000)

moduleIntegrationTestRunner<CredentialsModuleService>({
  moduleName: CREDENTIALS_MODULE,
  moduleModels: [CustomerCredential, CredentialSettings, CredentialEvent],
  resolve: path.join(__dirname, "../../src/modules/credentials"),
  pathToMigrations: path.join(
    __dirname,
    "../../src/modules/credentials/migrations"
  ),
  moduleOptions: {
    settings: {
      allow_manual_entry: true,
      password_policy: { min_length: 12 },
    },
    storefront_url: "https://shop.example.com",
  },
  testSuite: ({ service }) => {
    describe("store-wide settings", () => {
      it("uses the plugin options over the built-in defaults", async () => {
        const settings = await service.retrieveEffectiveSettings("store_1")

        expect(settings).toEqual({
          customer_accounts_enabled: true,
          registration_enabled: true,
          customers_can_reset_password: true,
          allow_manual_entry: true,
          password_ticket_expiration_minutes: 0,
          require_email_confirmation: true,
          customers_can_change_password: true,
          password_policy: {
            min_length: 12,
            require_uppercase: true,
            require_digit: true,
            require_special: true,
            min_strength: 0,
          },
          force_login: false,
          backoffice_activation_sign_in: "customer_number",
          lockout_threshold: 5,
          lockout_window_minutes: 15,
          lockout_minutes: 15,
          sso_enabled: false,
          sso_only: false,
          sso_button_label: "Sign in with your company account",
          sso_allowed_email_domains: [],
          permissions: {
            place_orders: true,
            view_orders: true,
            view_invoices: true,
            view_prices: true,
            change_default_settings: true,
            manage_addresses: true,
          },
        })
      })

      it("lets saved settings override the options, and null hand them back", async () => {
        await service.saveSettings("store_1", {
          allow_manual_entry: false,
          password_policy: { min_length: 9 },
        })
        let settings = await service.retrieveEffectiveSettings("store_1")
        expect(settings.allow_manual_entry).toBe(false)
        expect(settings.password_policy.min_length).toBe(9)

        const { previous } = await service.saveSettings("store_1", {
          allow_manual_entry: null,
        })
        expect(previous.allow_manual_entry).toBe(false)
        settings = await service.retrieveEffectiveSettings("store_1")
        expect(settings.allow_manual_entry).toBe(true)
        expect(settings.password_policy.min_length).toBe(9)
      })

      it("keeps settings per store", async () => {
        await service.saveSettings("store_1", { allow_manual_entry: false })

        expect(
          (await service.retrieveEffectiveSettings("store_2"))
            .allow_manual_entry
        ).toBe(true)
      })
    })

    describe("customer numbers", () => {
      it("hands out distinct numbers, also concurrently", async () => {
        const numbers = await Promise.all(
          Array.from({ length: 20 }, () => service.nextCustomerNumber())
        )

        expect(new Set(numbers).size).toBe(20)
        for (const number of numbers) {
          expect(number).toMatch(/^\d{6,}$/)
        }
      })
    })
  },
})

describe("parseCredentialsOptions", () => {
  it("fills in every default from nothing", () => {
    const options = parseCredentialsOptions(undefined)

    expect(options.settings.password_policy.min_length).toBe(8)
    expect(options.templates.password_reset).toBe("customer-password-reset")
    expect(options.activation_ttl_hours).toBe(72)
  })

  it.each([
    [{ storefront_url: "not a url" }, /storefront_url/],
    [
      { reset_password_url: "https://shop/reset" },
      /reset_password_url: must contain the \{token\} placeholder/,
    ],
    [
      { settings: { password_policy: { min_length: 2 } } },
      /settings\.password_policy\.min_length/,
    ],
    [
      { settings: { allow_manual_entry: "yes" } },
      /settings\.allow_manual_entry/,
    ],
    [{ templates: { pasword_reset: "x" } }, /pasword_reset/],
  ])(
    "stops start-up on %j with a message naming the option",
    (raw, message) => {
      expect(() => parseCredentialsOptions(raw)).toThrow(message)
    }
  )
})
