/**
 * The one place that decides what a customer's login state looks like over
 * HTTP. It copies named fields only, so a secret added to a model later can
 * never leak through a spread.
 */
export type CustomerCredentialsResponse = {
  customer_id: string
  is_registered: boolean
  login_enabled: boolean
  email_confirmed: boolean
  registered_at: Date | string | null
  customer_number: string | null
  must_change_password: boolean
  temporary_password_expires_at: Date | string | null
  last_password_change_at: Date | string | null
  last_login_at: Date | string | null
  failed_login_count: number
  locked_until: Date | string | null
}

type CredentialRow = Omit<CustomerCredentialsResponse, "is_registered">

export const formatCustomerCredentials = (
  customer: { id: string; has_account?: boolean | null },
  credential: CredentialRow
): CustomerCredentialsResponse => ({
  customer_id: customer.id,
  is_registered: Boolean(customer.has_account),
  login_enabled: credential.login_enabled,
  email_confirmed: credential.email_confirmed,
  registered_at: credential.registered_at,
  customer_number: credential.customer_number,
  must_change_password: credential.must_change_password,
  temporary_password_expires_at: credential.temporary_password_expires_at,
  last_password_change_at: credential.last_password_change_at,
  last_login_at: credential.last_login_at,
  failed_login_count: credential.failed_login_count,
  locked_until: credential.locked_until,
})
