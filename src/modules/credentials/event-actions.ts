/**
 * Every action the plugin writes to the audit trail (`credential_event`),
 * in one place: the steps and statements that write an event take a
 * `CredentialEventAction`, and the admin's labels
 * (`src/admin/labels/credentials.ts`) name each of them, so the audit trail
 * never shows a stored code (checked by unit-tests/credential-event-labels).
 * No imports: the admin bundle reads this file too.
 */
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
  "reference_password_set",
  "reference_credentials_generated",
  "reference_password_reset_requested",
  "reference_activation_sent",
  "account_selected",
  "sso_linked",
  "sso_signed_in",
  "sso_unlinked",
  "sessions_ended",
  "email_sign_in_enabled",
  "customer_created",
  "login_email_changed",
] as const

export type CredentialEventAction = (typeof CREDENTIAL_EVENT_ACTIONS)[number]
