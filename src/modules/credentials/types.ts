export type PasswordPolicy = {
  min_length: number
  require_uppercase: boolean
  require_digit: boolean
  require_special: boolean
}

/** The store-wide settings in force: saved values over plugin options over defaults. */
export type CredentialSettingsValues = {
  customer_accounts_enabled: boolean
  allow_manual_entry: boolean
  password_ticket_expiration_minutes: number
  require_email_confirmation: boolean
  customers_can_change_password: boolean
  password_policy: PasswordPolicy
}

export type CredentialSettingsPatch = Partial<
  {
    [K in Exclude<keyof CredentialSettingsValues, "password_policy">]:
      CredentialSettingsValues[K] | null
  } & {
    password_policy: Partial<{
      [K in keyof PasswordPolicy]: PasswordPolicy[K] | null
    }>
  }
>

export type CredentialEmailTemplates = {
  password_reset: string
  password_changed: string
  credentials_generated: string
  activation: string
}

export type CredentialsModuleOptions = {
  /** Defaults for the store-wide settings; what an admin saves overrides them. */
  settings: CredentialSettingsValues
  /** Base URL of the storefront, used by the link templates. */
  storefront_url: string
  /** Link in the reset email. Placeholders: {storefront_url}, {token}, {email}. */
  reset_password_url: string
  /** Link in the activation email. Placeholders: {storefront_url}, {token}, {email}. */
  activation_url: string
  /** How long a backoffice activation link works, in hours. */
  activation_ttl_hours: number
  /** Notification template names, for providers that render templates. */
  templates: CredentialEmailTemplates
  /** Optional sender address passed to the notification provider. */
  email_from?: string
}

export type CredentialActorType = "user" | "customer" | "system"

export const CREDENTIAL_EVENT_ACTIONS = [
  "login_enabled",
  "login_disabled",
  "email_confirmed",
  "email_unconfirmed",
  "password_reset_requested",
  "password_set",
  "credentials_generated",
  "activation_sent",
  "customer_number_assigned",
] as const

export type CredentialEventAction = (typeof CREDENTIAL_EVENT_ACTIONS)[number]
