import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { RATE_LIMIT_TABLE } from "../../../modules/credentials/rate-limit-store"
import type {
  SignInIdentifier,
  SignInWith,
} from "../../../modules/credentials/sign-in-identifiers"
import { EMAILPASS_PROVIDER } from "../../shared/utils/customer-login"
import type { SignInContext } from "../sign-in-context"
import { blockedFor } from "../utils/sign-in-limiters"

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
 * customer's email) with its identity, what it signs in with, and the
 * client's per-IP failure count, in one read. Every sign-in, right or wrong, starts with it, before the
 * attempt is counted and before core's emailpass check.
 *
 * One statement on the tables core's auth and customer modules keep
 * (`provider_identity`, `auth_identity`, `customer`) beside the plugin's, in
 * the application's database where Medusa keeps every module: the same rows
 * `auth.listProviderIdentities` with its identity, a customer-number lookup
 * and the limiter's `get` would read in three to five statements through the
 * ORM, which cost a sign-in more than the rest of the plugin's work
 * (docs/performance.md). It only reads; every write stays with the module
 * that owns the row. Soft-deleted rows are left out, as the modules' own
 * reads leave them out.
 */
const READ_SIGN_IN_TARGET = `
  WITH wanted AS (
    SELECT CASE WHEN ?::boolean THEN (
      SELECT c.email FROM customer_credential cc
      JOIN customer c ON c.id = cc.customer_id AND c.deleted_at IS NULL
      WHERE cc.customer_number = ? AND cc.deleted_at IS NULL
      LIMIT 1
    ) ELSE ? END AS email
  )
  SELECT w.email, a.id AS auth_identity_id,
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
    (SELECT json_build_object('points', l.points, 'expire', l.expire)
     FROM ${RATE_LIMIT_TABLE} l
     WHERE ?::boolean AND l.key = ? AND (l.expire > ? OR l.expire IS NULL)
    ) AS ip_failures
  FROM wanted w
  LEFT JOIN provider_identity p ON p.provider = ? AND p.entity_id = w.email
    AND p.deleted_at IS NULL
  LEFT JOIN auth_identity a ON a.id = p.auth_identity_id AND a.deleted_at IS NULL
  LIMIT 1`

export type SignInTargetRead = {
  target: SignInTarget | null
  /** Seconds until the client's address may try again; 0: not blocked. */
  ipBlockedFor: number
}

/**
 * Resolve: the login the identifier names, and whether the client's address
 * is over its failure limit, in one read (`READ_SIGN_IN_TARGET`).
 */
export const resolveSignInTarget = async (
  context: SignInContext,
  identifier: string
): Promise<SignInTargetRead> => {
  const { store, now } = context
  const ip = { limiter: context.limiters.ip, key: context.client.key }
  const trimmed = identifier.trim()
  const isNumber = CUSTOMER_NUMBER.test(trimmed)
  // The limiter's own read when it keeps its counts in memory.
  const inStatement = store.kind === "postgres"
  const connection = context.container.resolve<KnexConnection>(
    ContainerRegistrationKeys.PG_CONNECTION
  )
  // A named prepared statement: parsed and planned once per connection.
  const { rows } = await connection
    .raw(READ_SIGN_IN_TARGET, [
      isNumber,
      trimmed,
      trimmed,
      inStatement,
      ip.limiter.getKey(ip.key),
      now.getTime(),
      EMAILPASS_PROVIDER,
    ])
    .options({ name: "credentials_read_sign_in_target" })
  const row = rows[0] ?? {}

  let ipBlockedFor = 0
  if (inStatement) {
    // As rate-limiter-flexible's `get`: blocked from `points` failures on,
    // until `expire` (ms since the epoch).
    const failures = row.ip_failures as {
      points: number
      expire: string | number | null
    } | null
    if (failures && failures.points >= ip.limiter.points) {
      ipBlockedFor = failures.expire
        ? Math.ceil(Math.max(Number(failures.expire) - now.getTime(), 0) / 1000)
        : 0
    }
  } else {
    ipBlockedFor = await blockedFor(ip.limiter, ip.key)
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
  return { target, ipBlockedFor }
}
