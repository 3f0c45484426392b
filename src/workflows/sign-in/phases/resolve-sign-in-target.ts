import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { RATE_LIMIT_TABLE } from "../../../modules/credentials/rate-limit-store"
import type {
  SignInIdentifier,
  SignInWith,
} from "../../../modules/credentials/sign-in-identifiers"
import { EMAILPASS_PROVIDER } from "../../shared/utils/customer-login"
import type { SignInContext } from "../sign-in-context"
import { countAttemptInMemory } from "../utils/sign-in-limiters"

export type SignInTarget = {
  email: string
  auth_identity_id: string
  customer_id: string | null
  /** False for a login made by a bulk activation and not activated yet. */
  has_password: boolean
  /** What the identifier was: the login's email, or a customer number. */
  identifier: SignInIdentifier
  /** What the login signs in with (its customer's credential row; none: "both"). */
  sign_in_with: SignInWith | null
}

/** An identifier of digits only is a customer number. */
const CUSTOMER_NUMBER = /^\d{4,}$/

type KnexConnection = {
  raw(
    sql: string,
    bindings: unknown[]
  ): {
    options(options: {
      name: string
    }): Promise<{ rows: Record<string, unknown>[] }>
  }
}

/**
 * The login an identifier names (an email, or a customer number: the
 * customer's email) with its identity and what it signs in with, in one
 * read; and, in the same statement, the attempt counted against the
 * client's address. Every sign-in, right or wrong, starts with it, before
 * the per-account attempt is counted and before core's emailpass check.
 *
 * The address's count is one atomic upsert (`ip_counted`) that adds the
 * attempt only while the address is under its limit (or its window has
 * ended): of N requests sent at once from one address, only those within
 * the limit are counted and go on to a password check; the rest find no
 * row counted and are refused, and the count stays at the limit. The
 * attempt is given back when it turns out not to be a failure
 * (`giveBackAttempt`), so only failures count, as rate-limiter-flexible's
 * rows (`key`, `points`, `expire` in ms) hold them: its `get` reads them.
 *
 * One statement on the tables core's auth and customer modules keep
 * (`provider_identity`, `auth_identity`, `customer`) beside the plugin's, in
 * the application's database where Medusa keeps every module: the same rows
 * `auth.listProviderIdentities` with its identity, a customer-number lookup
 * and the limiter's count would take three to five statements through the
 * ORM, which cost a sign-in more than the rest of the plugin's work
 * (docs/performance.md). It writes only the plugin's own limiter row; every
 * other row stays with the module that owns it. Soft-deleted rows are left
 * out, as the modules' own reads leave them out.
 */
const READ_SIGN_IN_TARGET = `
  WITH ip_counted AS (
    INSERT INTO ${RATE_LIMIT_TABLE} AS l (key, points, expire)
    SELECT ?, 1, ?::bigint WHERE ?::boolean
    ON CONFLICT (key) DO UPDATE SET
      points = CASE WHEN l.expire <= ? THEN 1 ELSE l.points + 1 END,
      expire = CASE WHEN l.expire <= ? THEN excluded.expire ELSE l.expire END
    WHERE l.expire <= ? OR l.points < ?
    RETURNING l.points
  ), wanted AS (
    SELECT CASE WHEN ?::boolean THEN (
      SELECT c.email FROM customer_credential cc
      JOIN customer c ON c.id = cc.customer_id AND c.deleted_at IS NULL
      WHERE cc.customer_number = ? AND cc.deleted_at IS NULL
      LIMIT 1
    ) ELSE ? END AS email
  )
  SELECT coalesce(p.entity_id, w.email) AS email, a.id AS auth_identity_id,
    a.app_metadata ->> 'customer_id' AS customer_id,
    coalesce(jsonb_typeof(p.provider_metadata -> 'password') = 'string', false)
      AS has_password,
    -- What the login signs in with is its customer's rule, except for a
    -- B2B reference's person whose login that customer owns (another
    -- email, a reference of the login to that customer): they keep
    -- signing in with their email.
    (SELECT cc.sign_in_with FROM customer_credential cc
     WHERE cc.customer_id = a.app_metadata ->> 'customer_id'
       AND cc.deleted_at IS NULL
       AND (EXISTS (SELECT 1 FROM customer c
                    WHERE c.id = cc.customer_id AND c.deleted_at IS NULL
                      AND lower(c.email) = lower(p.entity_id))
            OR NOT EXISTS (SELECT 1 FROM customer_reference r
                           WHERE r.auth_identity_id = a.id
                             AND r.customer_id = cc.customer_id
                             AND r.deleted_at IS NULL))
     LIMIT 1) AS sign_in_with,
    EXISTS (SELECT 1 FROM ip_counted) AS ip_counted,
    -- When not counted: the row as it stood, for the seconds to wait.
    (SELECT l.expire FROM ${RATE_LIMIT_TABLE} l
     WHERE ?::boolean AND l.key = ?) AS ip_expire
  FROM wanted w
  -- The login of the email as typed, else of the email in lower case (a
  -- registration keeps emails in lower case; a shopper's keyboard may not):
  -- both through emailpass's unique (entity_id, provider) index. The lower
  -- case is JavaScript's, as every limiter key's and forgot password's
  -- (PostgreSQL's lower() maps some letters otherwise: 'İ' to 'i').
  LEFT JOIN LATERAL (
    SELECT pi.* FROM provider_identity pi
    WHERE pi.provider = ? AND pi.entity_id IN (w.email, ?::text)
      AND pi.deleted_at IS NULL
    ORDER BY pi.entity_id = w.email DESC
    LIMIT 1
  ) p ON true
  LEFT JOIN auth_identity a ON a.id = p.auth_identity_id AND a.deleted_at IS NULL
  LIMIT 1`

export type SignInTargetRead = {
  target: SignInTarget | null
  /** Seconds until the client's address may try again; 0: not blocked. */
  ipBlockedFor: number
  /** The attempt was counted against the address (to give back unless it fails). */
  ipCounted: boolean
}

/**
 * Resolve: the login the identifier names, and the attempt counted against
 * the client's address unless it is over its failure limit, in one
 * statement (`READ_SIGN_IN_TARGET`).
 */
export const resolveSignInTarget = async (
  context: SignInContext,
  identifier: string
): Promise<SignInTargetRead> => {
  const { store, now } = context
  const ip = { limiter: context.limiters.ip, key: context.client.key }
  const trimmed = identifier.trim()
  const isNumber = CUSTOMER_NUMBER.test(trimmed)
  // The limiter's own count when it keeps its counts in memory.
  const inStatement = store.kind === "postgres"
  const connection = context.container.resolve<KnexConnection>(
    ContainerRegistrationKeys.PG_CONNECTION
  )
  // A named prepared statement: parsed and planned once per connection.
  const ipKey = ip.limiter.getKey(ip.key)
  const nowMs = now.getTime()
  const { rows } = await connection
    .raw(READ_SIGN_IN_TARGET, [
      ipKey,
      nowMs + ip.limiter.duration * 1000,
      inStatement,
      nowMs,
      nowMs,
      nowMs,
      ip.limiter.points,
      isNumber,
      trimmed,
      trimmed,
      inStatement,
      ipKey,
      EMAILPASS_PROVIDER,
      trimmed.toLowerCase(),
    ])
    .options({ name: "credentials_read_sign_in_target" })
  const row = rows[0] ?? {}

  let ipBlockedFor = 0
  let ipCounted = false
  if (inStatement) {
    ipCounted = Boolean(row.ip_counted)
    if (!ipCounted) {
      // Over the limit until the window's end (`expire`, ms since the
      // epoch); a row made meanwhile by other requests: a whole window.
      const expire = Number(row.ip_expire ?? 0)
      ipBlockedFor = Math.ceil(
        (expire > nowMs ? expire - nowMs : ip.limiter.duration * 1000) / 1000
      )
    }
  } else {
    const count = await countAttemptInMemory(ip.limiter, ip.key)
    ipCounted = count.counted
    ipBlockedFor = count.blockedFor
  }

  const target =
    typeof row.email === "string" && typeof row.auth_identity_id === "string"
      ? {
          email: row.email,
          auth_identity_id: row.auth_identity_id,
          customer_id: (row.customer_id as string | null) ?? null,
          has_password: Boolean(row.has_password),
          identifier: isNumber
            ? ("customer_number" as const)
            : ("email" as const),
          sign_in_with: (row.sign_in_with as SignInWith | null) ?? null,
        }
      : null
  return { target, ipBlockedFor, ipCounted }
}
