import type { CredentialRowChanges } from "./repositories/credential-statements"

/**
 * What a flow did to a customer's login, in its own words: the module turns
 * it into the credential row's columns (`credentialIntentColumns`), so the
 * rule of what a new password means is stated once, for one customer or a
 * batch.
 */
export type CredentialIntent = {
  customer_id: string
  /** A password was set: whether the customer must replace it, and when it expires. */
  new_password?: {
    /** Must the customer choose their own password at the next sign-in? */
    temporary: boolean
    /** Minutes a temporary password works; 0 or less: no expiry. */
    expiration_minutes: number
  }
  /** Turn login on (generated credentials are meant to be used). */
  enable_login?: boolean
  /** Set "Email confirmed" (a login this flow creates). */
  email_confirmed?: boolean
  /** Give the customer a customer number if they have none. */
  assign_customer_number?: boolean
}

/**
 * The columns an intent sets, at `now`. A new password is a fresh start: it
 * ends any lock and failure count (every client's too: the sign-in
 * statements follow `failed_login_count` and `locked_until`), counts as the
 * registration when the login had none (`registered_at`, which the caller
 * keeps when set), and is temporary only as the intent says.
 */
export const credentialIntentColumns = (
  intent: Omit<CredentialIntent, "customer_id" | "assign_customer_number">,
  now: Date
): CredentialRowChanges => {
  const password = intent.new_password
  return {
    ...(password
      ? {
          last_password_change_at: now,
          must_change_password: password.temporary,
          temporary_password_expires_at:
            password.temporary && password.expiration_minutes > 0
              ? new Date(now.getTime() + password.expiration_minutes * 60_000)
              : null,
          failed_login_count: 0,
          last_failed_login_at: null,
          locked_until: null,
          registered_at: now,
        }
      : {}),
    ...(intent.enable_login ? { login_enabled: true } : {}),
    ...(intent.email_confirmed !== undefined
      ? { email_confirmed: intent.email_confirmed }
      : {}),
  }
}

/** What `applyCredentialIntents` changed, for its compensation. */
export type AppliedCredentialIntents = {
  /** Rows the call created (the customers had none). */
  created_ids: string[]
  /** The changed columns' values before, for the rows that existed. */
  previous: ({ id: string } & Record<string, unknown>)[]
}
