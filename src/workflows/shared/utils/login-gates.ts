import type { MedusaContainer } from "@medusajs/framework/types"
import { MedusaError } from "@medusajs/framework/utils"
import type { CredentialSettingsValues } from "../../../modules/credentials/types"
import { findEmailVerification } from "./email-verification"
import {
  ACCOUNTS_DISABLED_MESSAGE,
  EMAIL_NOT_CONFIRMED_MESSAGE,
  LOGIN_DISABLED_MESSAGE,
  TEMPORARY_PASSWORD_EXPIRED_MESSAGE,
} from "../../../messages"

export type SignInGateCode =
  | "accounts_disabled"
  | "login_disabled"
  | "email_not_confirmed"
  | "temporary_password_expired"
  | "too_many_attempts"

/** A refusal the storefront can act on: a clear message and a stable code. */
export class SignInRefused extends MedusaError {
  constructor(
    readonly status: 401 | 403 | 429,
    readonly gate: SignInGateCode | "invalid_credentials",
    message: string,
    readonly retryAfterSeconds?: number
  ) {
    super(MedusaError.Types.UNAUTHORIZED, message, gate)
  }
}

/** The login state the gates read (a credential row, or a sign-in attempt). */
export type LoginGateState = {
  login_enabled: boolean
  email_confirmed: boolean
  temporary_password_expires_at: Date | string | null
}

/**
 * The gates that hold for a login whatever proved who it is: a password at
 * sign-in (checked only once the password is known to be right, so a wrong
 * password never learns more than "invalid email or password"), or a token
 * being refreshed.
 */
export const checkLoginGates = async (
  scope: MedusaContainer,
  settings: CredentialSettingsValues,
  login: { auth_identity_id: string; email: string },
  credential: LoginGateState,
  now: Date
) => {
  // The store offers no accounts: no login signs in, whatever its state
  // (the store config says so, and a storefront hides its sign-in).
  if (!settings.customer_accounts_enabled) {
    throw new SignInRefused(403, "accounts_disabled", ACCOUNTS_DISABLED_MESSAGE)
  }
  if (!credential.login_enabled) {
    throw new SignInRefused(401, "login_disabled", LOGIN_DISABLED_MESSAGE)
  }
  // "Email confirmed" off: the login does not sign in, whoever made it
  // (registration, an admin's password, generated credentials, bulk, a B2B
  // reference), until the email is confirmed. Confirmed (the confirmation or
  // activation link, SSO, an admin, or a login older than the plugin, see
  // docs/security.md) is the plugin's row, read with the attempt: the usual
  // sign-in reads nothing more. Only an unconfirmed row reads core's
  // verification record, which a link confirmed through core's own route
  // (`POST /auth/verification/confirm`) marks verified without the row. The
  // store's setting decides whether a new registration asks for a
  // confirmation, not whether one asked for is waived.
  if (!credential.email_confirmed) {
    const verification = await findEmailVerification(
      scope,
      login.auth_identity_id,
      login.email
    )
    if (!verification?.verified_at) {
      throw new SignInRefused(
        401,
        "email_not_confirmed",
        EMAIL_NOT_CONFIRMED_MESSAGE
      )
    }
  }
  if (
    credential.temporary_password_expires_at &&
    new Date(credential.temporary_password_expires_at) <= now
  ) {
    throw new SignInRefused(
      401,
      "temporary_password_expired",
      TEMPORARY_PASSWORD_EXPIRED_MESSAGE
    )
  }
}
