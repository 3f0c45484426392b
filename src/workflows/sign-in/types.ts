import type { CredentialSettingsValues } from "../../modules/credentials/types"

/**
 * What a sign-in is given: plain data, no HTTP request. The routes read it
 * from the request (`src/api/utils/sign-in/sign-in-input.ts`).
 */
export type SignInInput = {
  /** An email or a customer number, as sent. */
  identifier: string
  password: string
  /**
   * The client, by the plugin's `trusted_proxies` option: its address (for
   * audit rows) and what limits and locks count it by (its IPv4 address or
   * IPv6 /56).
   */
  client: { ip: string; key: string }
  /** The device cookie (OWASP's device cookies). */
  device: {
    /** The request carries a device cookie at all (not yet checked). */
    has_cookie: boolean
    /**
     * The device id when the cookie is valid for this customer at `now`,
     * else null.
     */
    id_for: (customerId: string, now: Date) => string | null
  }
  /** What core's emailpass provider reads besides the email and password. */
  provider_input: {
    url: string
    headers: Record<string, string>
    protocol: string
  }
  /**
   * The store's credential settings when the caller has them (an HTTP
   * request reads them once for all its gates); else read here.
   */
  settings?: CredentialSettingsValues
  /** The clock (default: now). */
  now?: Date
}

/**
 * The answer: core's token (`/auth/customer/emailpass`'s, with
 * `verification_required` / `mfa_required` when core says so), or a token
 * for the account choice with the accounts, and `must_change_password`.
 */
export type SignInResult = Record<string, unknown> & {
  token: string
  must_change_password: boolean
}

export type SignInOutcome = {
  result: SignInResult
  /**
   * A right password signed in to this customer: the client becomes a known
   * device of the account (the device cookie, issued at `at`). Null when no
   * customer was signed in to (a login with no customer yet).
   */
  remember_device: { customer_id: string; at: Date } | null
}
