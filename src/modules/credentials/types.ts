import type { CredentialEventAction } from "./event-actions"
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

// The audit trail's actions: one list, shared with the admin's labels.
export {
  CREDENTIAL_EVENT_ACTIONS,
  type CredentialEventAction,
} from "./event-actions"

export type SignInLockRule = {
  threshold: number
  windowMinutes: number
  lockoutMinutes: number
}

/** The client a sign-in attempt comes from, as the lock counts it. */
export type SignInClient = {
  /** `ip:<address or IPv6 /56>`, or `device:<id>` for a known device. */
  key: string
  /**
   * The request proved (device cookie) that this browser signed in to this
   * account before: the lock for unknown devices does not hold it.
   */
  known_device: boolean
}

/** The state a sign-in's gates read, from `beginSignInAttempt`. */
export type SignInAttempt = {
  credential_id: string
  login_enabled: boolean
  /** The plugin's record that the email was confirmed (link or admin). */
  email_confirmed: boolean
  must_change_password: boolean
  temporary_password_expires_at: Date | string | null
  /**
   * Failures counted from this client, this attempt included (not counted
   * while the client is refused).
   */
  failed_login_count: number
  /** Until when this client is refused (null: it is not). */
  locked_until: Date | null
  /** The client was refused before this attempt, which was not counted. */
  was_locked: boolean
  /** What refused it: its own lock, or the account's lock for unknown devices. */
  refused_by: "client" | "unknown_devices" | null
  /** This attempt locked the account for unknown devices. */
  locked_unknown_devices: boolean
  /** The login's B2B references, oldest first. */
  references: {
    id: string
    customer_id: string
    internet_user: boolean
    permissions: Record<string, boolean> | null
  }[]
}

/** What `readSessionState` reads for a signed-in request. */
export type SessionState = {
  credentials: {
    customer_id: string
    login_enabled: boolean
    must_change_password: boolean
    temporary_password_expires_at: string | null
  }[]
  /** null: the login has no reference to the account. */
  reference_internet_user: boolean | null
}

export type CredentialEventInput = {
  customer_id: string
  action: CredentialEventAction
  actor_type: "user" | "customer" | "system"
  actor_id: string | null
  metadata?: Record<string, unknown> | null
}
