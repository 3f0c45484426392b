import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { requestCredentialSettings } from "../../../utils/request-credential-settings"
import {
  resolveSsoState,
  ssoStartUrl,
} from "../../../../workflows/utils/sso-provider"

/** What a storefront needs to render sign-in, registration and the password rules. */
export const GET = async (req: MedusaRequest, res: MedusaResponse) => {
  const settings = await requestCredentialSettings(req)
  const sso = await resolveSsoState(req.scope, settings)
  res.json({
    config: {
      customer_accounts_enabled: settings.customer_accounts_enabled,
      registration_open: settings.customer_accounts_enabled && !sso.only,
      require_email_confirmation: settings.require_email_confirmation,
      customers_can_change_password: settings.customers_can_change_password,
      force_login: settings.force_login,
      sign_in_identifiers: ["email", "customer_number"],
      password_policy: settings.password_policy,
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
