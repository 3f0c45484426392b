import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { RECOMMENDED_STRENGTH } from "../../../../modules/credentials/utils/password-strength"
import { requestCredentialSettings } from "../../../utils/request-credential-settings"
import {
  resolveSsoState,
  ssoStartUrl,
} from "../../../../workflows/sso/utils/sso-provider"

/** What a storefront needs to render sign-in, registration and the password rules. */
export const GET = async (req: MedusaRequest, res: MedusaResponse) => {
  const settings = await requestCredentialSettings(req)
  const sso = await resolveSsoState(req.scope, settings)
  res.json({
    config: {
      customer_accounts_enabled: settings.customer_accounts_enabled,
      // Off with "Customer accounts": the storefront hides its sign-in menu.
      sign_in_open: settings.customer_accounts_enabled,
      registration_open:
        settings.customer_accounts_enabled &&
        settings.registration_enabled &&
        !sso.only,
      // Off: the storefront hides its "Forgot password" link.
      password_reset_open:
        settings.customer_accounts_enabled &&
        settings.customers_can_reset_password &&
        !sso.only,
      require_email_confirmation: settings.require_email_confirmation,
      customers_can_change_password: settings.customers_can_change_password,
      force_login: settings.force_login,
      sign_in_identifiers: ["email", "customer_number"],
      // min_strength: the lowest zxcvbn score accepted (0: none).
      password_policy: settings.password_policy,
      // What the forms recommend, whatever the minimum: "strong".
      recommended_password_strength: RECOMMENDED_STRENGTH,
      sso: {
        enabled: sso.enabled,
        only: sso.only,
        button_label: sso.enabled ? settings.sso_button_label : null,
        start_url: sso.enabled ? ssoStartUrl(sso.provider) : null,
        // Every provider to offer, the main one (button_label) first.
        providers: sso.providers.map((provider) => ({
          id: provider.id,
          label:
            provider.id === sso.provider
              ? settings.sso_button_label
              : provider.display_name,
          start_url: ssoStartUrl(provider.id),
        })),
        // Force login with SSO only: send the shopper to the provider at once.
        auto_redirect: sso.only && settings.force_login,
      },
    },
  })
}
