/**
 * The shapes the plugin's admin API answers with (see README "Admin API").
 * Kept here, apart from the server's types, so the admin bundle imports no
 * server code besides the pure password policy and settings schema.
 */
import type { CredentialSettingsValues } from "../../modules/credentials/settings-schema"
import {
  CUSTOMER_PERMISSIONS,
  type CustomerPermission,
} from "../../modules/credentials/settings-schema"

export type CustomerCredentials = {
  customer_id: string
  is_registered: boolean
  login_enabled: boolean
  email_confirmed: boolean
  registered_at: string | null
  customer_number: string | null
  /** What the login signs in with now; empty: no login. */
  sign_in_with?: ("email" | "customer_number")[]
  must_change_password: boolean
  temporary_password_expires_at: string | null
  last_password_change_at: string | null
  last_login_at: string | null
  failed_login_count: number
  locked_until: string | null
}

export type CustomerCredentialsResponse = { credentials: CustomerCredentials }

export type CredentialEvent = {
  id: string
  action: string
  actor_type: "user" | "customer" | "system" | string
  actor_id: string | null
  metadata: Record<string, unknown> | null
  created_at: string
}

/** GET /admin/customers/:id/credentials/sso-logins */
export type SsoLoginsResponse = {
  sso_logins: {
    auth_identity_id: string
    provider: string
    label: string
    email: string | null
  }[]
}

export type CredentialEventsResponse = {
  events: CredentialEvent[]
  count: number
  limit: number
  offset: number
}

/** The settings in force, typed from the server's settings schema. */
export type CredentialSettings = CredentialSettingsValues

export type CredentialSettingsResponse = {
  credential_settings: CredentialSettings
}

/** What POST /admin/credential-settings takes: any subset, null resets. */
export type CredentialSettingsUpdate = Record<string, unknown>

export type SetCustomerPasswordBody = {
  password: string
  confirm_password: string
  temporary?: boolean
  /** Only for a login the password creates. */
  email_confirmed?: boolean
}

/** The B2B rights a login may hold for an account: the server's own list. */
export const REFERENCE_PERMISSIONS = CUSTOMER_PERMISSIONS
export type ReferencePermission = CustomerPermission

/** A login (person) that may act for a customer account. */
export type CustomerReference = {
  id: string
  customer_id: string
  email: string
  display_name: string | null
  internet_user: boolean
  permissions: Record<ReferencePermission, boolean>
  /** The person has a password they know (not the random one a new login gets). */
  has_password: boolean
  email_confirmed: boolean
  locked: boolean
  locked_until: string | null
  last_signed_in_at: string | null
}

export type CustomerReferencesResponse = { references: CustomerReference[] }
export type CustomerReferenceResponse = { reference: CustomerReference }
/** POST /admin/customers/:id/references: whether the person has a password they know. */
export type AddedCustomerReferenceResponse = CustomerReferenceResponse & {
  has_password: boolean
  message?: string
}

/** What a reference's login can be given: the customer page's actions. */
export type ReferenceCredentialAction =
  "generate" | "reset-password" | "send-activation"

export type AddCustomerReferenceBody = {
  email: string
  display_name?: string | null
  internet_user?: boolean
  permissions?: Partial<Record<ReferencePermission, boolean>>
}

export type UpdateCustomerReferenceBody = Partial<
  Omit<AddCustomerReferenceBody, "email">
>
