import type { TrustedProxies } from "./utils/client-address"

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
  /** No purchase without a signed-in customer. */
  force_login: boolean
  /** Failed sign-ins within the window that lock an account. */
  lockout_threshold: number
  lockout_window_minutes: number
  /** How long a locked account stays locked. */
  lockout_minutes: number
  /** Sign-in through the store's OpenID Connect provider. */
  sso_enabled: boolean
  /** SSO is the only way in: password sign-in, registration and recovery answer 403. */
  sso_only: boolean
  sso_button_label: string
  /** Emails an SSO sign-in may link or create; empty: any domain. */
  sso_allowed_email_domains: string[]
  /** Store-wide rights of B2B logins; a login's own rights only narrow them. */
  permissions: Record<CustomerPermission, boolean>
}

export const CUSTOMER_PERMISSIONS = [
  "place_orders",
  "view_orders",
  "view_invoices",
  "view_prices",
  "change_default_settings",
  "manage_addresses",
] as const

export type CustomerPermission = (typeof CUSTOMER_PERMISSIONS)[number]

export type CredentialSettingsPatch = Partial<
  {
    [
      K in Exclude<
        keyof CredentialSettingsValues,
        "password_policy" | "permissions"
      >
    ]: CredentialSettingsValues[K] | null
  } & {
    password_policy: Partial<{
      [K in keyof PasswordPolicy]: PasswordPolicy[K] | null
    }>
    /** Merged into what is saved; null hands every right back to the options. */
    permissions: Partial<Record<CustomerPermission, boolean>> | null
  }
>

export type CredentialEmailTemplates = {
  password_reset: string
  password_changed: string
  credentials_generated: string
  activation: string
}

export type RateLimits = {
  sign_in_failures_per_ip: number
  register_per_ip: number
  activate_per_ip: number
  resend_activation_per_ip: number
  resend_activation_per_email: number
  reset_password_per_ip: number
  reset_password_per_email: number
  /** Core's `POST /auth/verification/request`: codes per signed-in login per hour. */
  verification_per_login_per_hour: number
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
  /** Requests allowed per 15 minutes (per process), by client IP or email. */
  rate_limits: RateLimits
  /** Optional sender address passed to the notification provider. */
  email_from?: string
  /** The id of the auth module's OpenID Connect provider customers sign in with. */
  sso_provider: string
  /**
   * Who may say which address a request comes from (X-Forwarded-For): a
   * number of proxy hops in front of the server, or the proxies' addresses
   * and CIDR ranges. Default 0: the socket's address is the client.
   */
  trusted_proxies: TrustedProxies
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
  "registered",
  "signed_in",
  "sign_in_failed",
  "sign_in_refused",
  "locked",
  "unlocked",
  "password_changed",
  "password_reset",
  "activated",
  "reference_added",
  "reference_updated",
  "reference_removed",
  "account_selected",
  "sso_linked",
  "sso_signed_in",
  "sso_unlinked",
  "sessions_ended",
] as const

export type CredentialEventAction = (typeof CREDENTIAL_EVENT_ACTIONS)[number]
