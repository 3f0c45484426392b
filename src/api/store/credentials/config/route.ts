import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { loadCredentialSettings } from "../../../../workflows/steps/load-credential-settings"

/** What a storefront needs to render sign-in, registration and the password rules. */
export const GET = async (req: MedusaRequest, res: MedusaResponse) => {
  const settings = await loadCredentialSettings(req.scope)
  res.json({
    config: {
      customer_accounts_enabled: settings.customer_accounts_enabled,
      registration_open: settings.customer_accounts_enabled,
      require_email_confirmation: settings.require_email_confirmation,
      customers_can_change_password: settings.customers_can_change_password,
      force_login: settings.force_login,
      sign_in_identifiers: ["email", "customer_number"],
      password_policy: settings.password_policy,
      sso: {
        enabled: false,
        only: false,
        button_label: null,
        start_url: null,
        auto_redirect: false,
      },
    },
  })
}
