import {
  signInIdentifiers,
  type SignInIdentifier,
  type SignInWith,
} from "../../modules/credentials/sign-in-identifiers"

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
  /** What the login signs in with now: "email", "customer_number" (none: no login yet). */
  sign_in_with: SignInIdentifier[]
  must_change_password: boolean
  temporary_password_expires_at: Date | string | null
  last_password_change_at: Date | string | null
  last_login_at: Date | string | null
  failed_login_count: number
  locked_until: Date | string | null
}

type CredentialRow = Omit<
  CustomerCredentialsResponse,
  "is_registered" | "customer_id" | "sign_in_with"
> & { sign_in_with?: SignInWith | null }

/** A customer the plugin has no row for yet: the row's defaults (models/customer-credential.ts). */
export const NO_CREDENTIAL_ROW: CredentialRow = {
  login_enabled: true,
  // A login older than the plugin signs in as before (the lazy row's default).
  email_confirmed: true,
  registered_at: null,
  customer_number: null,
  sign_in_with: "both",
  must_change_password: false,
  temporary_password_expires_at: null,
  last_password_change_at: null,
  last_login_at: null,
  failed_login_count: 0,
  locked_until: null,
}

export const formatCustomerCredentials = ({
  customer,
  credential,
  login,
}: {
  customer: { id: string }
  credential: CredentialRow
  login: { is_registered: boolean; email_verified: boolean | null }
}): CustomerCredentialsResponse => ({
  customer_id: customer.id,
  is_registered: login.is_registered,
  login_enabled: credential.login_enabled,
  // As the sign-in gate reads it (login-gates.ts): the plugin's row, or a
  // link confirmed through core's own route (core's verification record).
  email_confirmed: credential.email_confirmed || login.email_verified === true,
  registered_at: credential.registered_at,
  customer_number: credential.customer_number,
  sign_in_with: login.is_registered
    ? signInIdentifiers(credential.sign_in_with, credential.customer_number)
    : [],
  must_change_password: credential.must_change_password,
  temporary_password_expires_at: credential.temporary_password_expires_at,
  last_password_change_at: credential.last_password_change_at,
  last_login_at: credential.last_login_at,
  failed_login_count: credential.failed_login_count,
  locked_until: credential.locked_until,
})
