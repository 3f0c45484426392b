import type { CredentialSettingsValues } from "./settings-schema"
import type { TrustedProxies } from "./utils/client-address"

// The settings' types are derived from their schema; re-exported here for
// the callers that import every type of the module from this file.
export {
  CUSTOMER_PERMISSIONS,
  type CredentialSettingsPatch,
  type CredentialSettingsValues,
  type CustomerPermission,
  type PasswordPolicy,
  type SavedCredentialSettings,
} from "./settings-schema"

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
