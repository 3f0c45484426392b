/**
 * The sentences the plugin says to a shopper in more than one place: each is
 * written once here, so every route, gate and workflow that refuses for the
 * same reason says the same thing. (The admin's words live in
 * `src/admin/labels/`.)
 */

/** A wrong password, an unknown email or customer number: never which. */
export const INVALID_CREDENTIALS = "Invalid email or password"

export const LOGIN_DISABLED_MESSAGE =
  "Sign-in is turned off for this account. Please contact us."

/** The email-confirmed gate: the storefront offers "send a new link" (resend-activation). */
export const EMAIL_NOT_CONFIRMED_MESSAGE =
  "Confirm your email address first with the link we sent you. You can ask for a new link if it expired."

export const TEMPORARY_PASSWORD_EXPIRED_MESSAGE =
  "Your temporary password has expired. Use 'Forgot password' to choose a new one."

export const ACCOUNTS_DISABLED_MESSAGE =
  "This store does not offer customer accounts: you can check out as a guest."

/** "Customers can register" off; "Customer accounts" on. */
export const REGISTRATION_DISABLED_MESSAGE =
  "This store does not take new registrations. If you have an account, sign in; otherwise you can check out as a guest."

export const TOO_MANY_REQUESTS_MESSAGE =
  "Too many requests. Try again in a few minutes."

export const TOO_MANY_REQUESTS_FOR_EMAIL_MESSAGE =
  "Too many requests for this email address. Try again in a few minutes."

/** "Sign in with my email too", asked by a login that already does. */
/** "Sign in with my email too" asked while signed in for an account that is not the login's own. */
export const EMAIL_SIGN_IN_OWN_ACCOUNT_MESSAGE =
  "Only your own account's login can turn on signing in with its email. Switch to your own account and try again."

export const EMAIL_SIGN_IN_ALREADY_ON_MESSAGE =
  "You already sign in with your email address."

/** "Sign in with my email too", when the address names another login. */
export const emailSignInTakenMessage = (email: string) =>
  `The email address ${email} already signs in to another account, so it cannot sign in to this one too. Keep signing in with your customer number, or contact us.`
