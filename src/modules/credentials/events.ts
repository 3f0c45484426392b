/**
 * Events the plugin emits. Payloads carry ids and facts, never a password,
 * hash or token.
 */
export const CredentialsEvents = {
  /** { customer_id, auth_identity_id? or login_email?, changed_by: "store" | "customer", temporary } */
  PASSWORD_CHANGED: "customer_credentials.password_changed",
  /** { customer_id, auth_identity_id } (the password goes only into the email) */
  CREDENTIALS_GENERATED: "customer_credentials.credentials_generated",
  /** { customer_id, auth_identity_id } (the link goes only into the email) */
  ACTIVATION_REQUESTED: "customer_credentials.activation_requested",
  /** { id } of a bulk onboarding job to run in the background */
  BULK_JOB_CREATED: "customer_credentials.bulk_job_created",
} as const
