import { model } from "@medusajs/framework/utils"

/**
 * Store-wide credential settings, one row per store.
 *
 * Every column is nullable on purpose: NULL means "not saved by an admin, use
 * the plugin option (or the built-in default)". Saved values override the
 * options; an admin can hand a setting back to the options by saving `null`.
 */
export const CredentialSettings = model
  .define("credential_settings", {
    id: model.id({ prefix: "credset" }).primaryKey(),
    store_id: model.text(),
    customer_accounts_enabled: model.boolean().nullable(),
    registration_enabled: model.boolean().nullable(),
    customers_can_reset_password: model.boolean().nullable(),
    allow_manual_entry: model.boolean().nullable(),
    password_ticket_expiration_minutes: model.number().nullable(),
    require_email_confirmation: model.boolean().nullable(),
    customers_can_change_password: model.boolean().nullable(),
    password_min_length: model.number().nullable(),
    password_require_uppercase: model.boolean().nullable(),
    password_require_digit: model.boolean().nullable(),
    password_require_special: model.boolean().nullable(),
    password_min_strength: model.number().nullable(),
    force_login: model.boolean().nullable(),
    lockout_threshold: model.number().nullable(),
    lockout_window_minutes: model.number().nullable(),
    lockout_minutes: model.number().nullable(),
    sso_enabled: model.boolean().nullable(),
    sso_only: model.boolean().nullable(),
    sso_button_label: model.text().nullable(),
    sso_allowed_email_domains: model.json().nullable(),
    backoffice_activation_sign_in: model
      .enum(["customer_number", "email", "both"])
      .nullable(),
    permissions: model.json().nullable(),
  })
  .indexes([
    {
      name: "IDX_credential_settings_store_id_unique",
      on: ["store_id"],
      unique: true,
      where: "deleted_at IS NULL",
    },
  ])

export default CredentialSettings
