import { MedusaError } from "@medusajs/framework/utils"
import { entityId } from "../utils/entity-id"
import type { EntityManager } from "@medusajs/framework/mikro-orm/knex"
import type {
  CredentialEventInput,
  SessionState,
  SignInAttempt,
  SignInClient,
  SignInLockRule,
} from "../types"

/**
 * Failures, across every client, that lock an account for devices it has
 * never seen: this many times the per-client threshold.
 */
export const UNKNOWN_DEVICES_FACTOR = 10

/** The client of callers that name none: one shared bucket. */
export const ANY_SIGN_IN_CLIENT: SignInClient = {
  key: "unknown",
  known_device: false,
}

/** Ids as the models' `model.id({ prefix })` make them. */
const CREDENTIAL_EVENT_ID_PREFIX = "credevt"

/** One audit row, for the statements that append one beside their change. */
export const INSERT_CREDENTIAL_EVENT = `INSERT INTO credential_event
  (id, customer_id, action, actor_type, actor_id, metadata, created_at, updated_at)
  VALUES (?, ?, ?, ?, ?, ?::jsonb, ?, ?)`

const credentialEventValues = (event: CredentialEventInput, now: Date) => [
  entityId(CREDENTIAL_EVENT_ID_PREFIX),
  event.customer_id,
  event.action,
  event.actor_type,
  event.actor_id,
  event.metadata ? JSON.stringify(event.metadata) : null,
  now,
  now,
]

const CUSTOMER_CREDENTIAL_ID_PREFIX = "ccred"

const SIGN_IN_CLIENT_ID_PREFIX = "csic"

/** Each statement's placeholder names in order, worked out once per text. */
const compiled = new Map<string, { text: string; names: string[] }>()

/**
 * A statement written with `:name` placeholders, as the positional SQL and
 * values `execute` takes (`::type` casts are left alone).
 */
const bindNamed = (
  sql: string,
  values: Record<string, unknown>
): [string, unknown[]] => {
  let statement = compiled.get(sql)
  if (!statement) {
    const names: string[] = []
    const text = sql.replace(/(?<![:\w]):([a-z_]+)\b/g, (_match, name) => {
      names.push(name)
      return "?"
    })
    statement = { text, names }
    compiled.set(sql, statement)
  }
  const params = statement.names.map((name) => {
    if (!(name in values)) {
      throw new MedusaError(
        MedusaError.Types.UNEXPECTED_STATE,
        `bindNamed: no value for :${name}`
      )
    }
    return values[name]
  })
  return [statement.text, params]
}

/**
 * Runs a hot statement as a named prepared statement on the connection (in
 * the manager's transaction when it has one): PostgreSQL parses it once per
 * connection and, after a few runs, plans it once, where the ORM's
 * `execute` sends the values inlined into a new text each time, parsed and
 * planned anew (about 1 ms of PostgreSQL's time per sign-in statement,
 * three times its execution; docs/performance.md). `name` must stand for
 * one text only.
 */
const runPrepared = async (
  manager: EntityManager,
  name: string,
  [text, params]: [string, unknown[]]
): Promise<Record<string, any>[]> => {
  const query = manager
    .getKnex()
    .raw(text, params as never[])
    .options({ name })
  const transaction = manager.getTransactionContext()
  if (transaction) {
    query.transacting(transaction)
  }
  const result = (await query) as { rows: Record<string, any>[] }
  return result.rows
}

/** The credential columns a flow changes through `applyCredentialChange`. */
export const CREDENTIAL_CHANGE_COLUMNS = [
  "login_enabled",
  "email_confirmed",
  "registered_at",
  "must_change_password",
  "temporary_password_expires_at",
  "last_password_change_at",
  "last_login_at",
  "failed_login_count",
  "last_failed_login_at",
  "locked_until",
] as const

export type CredentialChangeColumn = (typeof CREDENTIAL_CHANGE_COLUMNS)[number]

const DATE_COLUMNS = new Set<CredentialChangeColumn>([
  "registered_at",
  "temporary_password_expires_at",
  "last_password_change_at",
  "last_login_at",
  "last_failed_login_at",
  "locked_until",
])

export type CredentialRowChanges = Partial<
  Record<CredentialChangeColumn, boolean | number | Date | null>
>

/** What `applyCredentialChange` did, for its compensation. */
export type AppliedCredentialChange = {
  credential_id: string
  /** The row did not exist: this change created it. */
  created: boolean
  /** The changed columns' values before, when the row existed. */
  previous: CredentialRowChanges | null
  event_id: string
}

export const CUSTOMER_NUMBER_SEQUENCE = "customer_credential_number_seq"

/**
 * The module's hand-written statements: the hot paths (a sign-in's attempt
 * and its settling, the token gate's read, an audit row) and the changes
 * that must be one atomic statement (a credential change with its audit
 * row, customer numbers, bulk job claims). Each takes the manager of the
 * service method that calls it (`@InjectManager`), so it runs in the
 * caller's transaction when there is one.
 */
export class CredentialStatements {
  /**
   * Starts a sign-in for a customer from one client, in one atomic statement
   * (the account's row lock): the attempt counts as a failure before the
   * password is checked, so guesses sent at once cannot outrun the lock.
   *
   * - Per client (`credential_sign_in_client`): `threshold` failures within
   *   `windowMinutes` refuse that client for `lockoutMinutes`; a failure
   *   after the window, or after its lock ran out, starts a new count. A
   *   refused client is not counted again. Other clients are not affected.
   * - Per account, across clients (the credential row's
   *   `failed_login_count`): `UNKNOWN_DEVICES_FACTOR` x `threshold` failures
   *   refuse every client that is not a known device, for `lockoutMinutes`.
   * - The credential row's `locked_until` is the latest end of any of these
   *   locks (what the admin sees). No lock outlasts it: a writer that clears
   *   it (the admin's unlock, a new password) ends every lock on the
   *   account, and one that also sets `failed_login_count` to 0 ends every
   *   client's count.
   *
   * Returns what the gates need (the credential row and the login's B2B
   * references), or null when the customer has no row yet.
   */
  async beginSignInAttempt(
    manager: EntityManager,
    input: {
      customerId: string
      authIdentityId: string
      client?: SignInClient
    },
    rule: SignInLockRule,
    now: Date = new Date()
  ): Promise<SignInAttempt | null> {
    const client = input.client ?? ANY_SIGN_IN_CLIENT
    const values = {
      now,
      customer_id: input.customerId,
      auth_identity_id: input.authIdentityId,
      client_key: client.key,
      known_device: client.known_device,
      new_id: entityId(SIGN_IN_CLIENT_ID_PREFIX),
      window_start: new Date(now.getTime() - rule.windowMinutes * 60_000),
      locked_until: new Date(now.getTime() + rule.lockoutMinutes * 60_000),
      threshold: rule.threshold,
      unknown_devices_threshold: rule.threshold * UNKNOWN_DEVICES_FACTOR,
    }
    // This client's count after this attempt, from its row as it stands.
    const clientCount = `CASE
      WHEN (SELECT cleared FROM flags)
        OR s.last_failed_login_at IS NULL
        OR s.last_failed_login_at < :window_start::timestamptz
        OR s.locked_until IS NOT NULL
      THEN 1 ELSE s.failed_login_count + 1 END`
    const rows = await runPrepared(
      manager,
      "credentials_begin_sign_in_attempt",
      bindNamed(
        `WITH account AS (
           SELECT id, failed_login_count, last_failed_login_at, locked_until,
             unknown_devices_locked_until,
             (failed_login_count = 0 AND locked_until IS NULL) AS cleared,
             (locked_until IS NOT NULL AND locked_until > :now::timestamptz) AS lock_live
           FROM customer_credential
           WHERE customer_id = :customer_id AND deleted_at IS NULL
           FOR UPDATE
         ), flags AS (
           SELECT id, cleared, lock_live, locked_until AS horizon,
             coalesce(lock_live
               AND unknown_devices_locked_until > :now::timestamptz
               AND unknown_devices_locked_until <= locked_until, false)
               AS unknown_devices_locked
           FROM account
         ), pruned AS (
           -- The rows of other clients that hold nothing any more: all of
           -- them after a clear, else ended locks and counts past their window.
           DELETE FROM credential_sign_in_client s
           USING flags f
           WHERE s.credential_id = f.id AND s.client_key <> :client_key
             AND s.deleted_at IS NULL
             AND (
               f.cleared
               OR (s.locked_until IS NULL AND (s.last_failed_login_at IS NULL
                 OR s.last_failed_login_at < :window_start::timestamptz))
               OR (s.locked_until IS NOT NULL AND NOT (f.lock_live
                 AND s.locked_until > :now::timestamptz AND s.locked_until <= f.horizon))
             )
           RETURNING s.id
         ), counted AS (
           -- Counts this client unless it is refused (no row then).
           INSERT INTO credential_sign_in_client AS s
             (id, credential_id, client_key, failed_login_count,
              last_failed_login_at, locked_until, created_at, updated_at)
           SELECT :new_id, f.id, :client_key, 1, :now::timestamptz,
             CASE WHEN 1 >= :threshold::int THEN :locked_until::timestamptz END,
             :now::timestamptz, :now::timestamptz
           FROM flags f
           WHERE :known_device::boolean OR NOT f.unknown_devices_locked
           ON CONFLICT (credential_id, client_key) WHERE deleted_at IS NULL
           DO UPDATE SET
             failed_login_count = ${clientCount},
             last_failed_login_at = EXCLUDED.last_failed_login_at,
             locked_until = CASE WHEN ${clientCount} >= :threshold::int
               THEN :locked_until::timestamptz END,
             updated_at = EXCLUDED.updated_at
           WHERE s.locked_until IS NULL OR NOT ((SELECT lock_live FROM flags)
             AND s.locked_until > :now::timestamptz
             AND s.locked_until <= (SELECT horizon FROM flags))
           RETURNING s.failed_login_count, s.locked_until
         ), next AS (
           SELECT a.id, f.lock_live, f.unknown_devices_locked,
             c.failed_login_count AS client_count,
             c.locked_until AS client_locked_until,
             (c.failed_login_count IS NOT NULL) AS counted,
             CASE
               WHEN f.cleared OR a.last_failed_login_at IS NULL
                 OR a.last_failed_login_at < :window_start::timestamptz
                 OR (a.unknown_devices_locked_until IS NOT NULL
                   AND NOT f.unknown_devices_locked)
               THEN 1 ELSE a.failed_login_count + 1
             END AS account_count
           FROM account a
           JOIN flags f ON f.id = a.id
           LEFT JOIN counted c ON true
         ), decided AS (
           SELECT next.*,
             (counted AND NOT unknown_devices_locked
               AND account_count >= :unknown_devices_threshold::int) AS locks_unknown_devices
           FROM next
         )
         UPDATE customer_credential c
         SET failed_login_count = CASE WHEN d.counted THEN d.account_count
               ELSE c.failed_login_count END,
             last_failed_login_at = CASE WHEN d.counted THEN :now::timestamptz
               ELSE c.last_failed_login_at END,
             unknown_devices_locked_until = CASE
               WHEN d.locks_unknown_devices THEN :locked_until::timestamptz
               WHEN d.counted AND NOT d.unknown_devices_locked THEN NULL
               ELSE c.unknown_devices_locked_until
             END,
             locked_until = GREATEST(
               CASE WHEN d.lock_live THEN c.locked_until END,
               d.client_locked_until,
               CASE WHEN d.locks_unknown_devices THEN :locked_until::timestamptz END
             ),
             updated_at = :now::timestamptz
         FROM decided d
         WHERE c.id = d.id
         RETURNING c.id, c.login_enabled, c.email_confirmed, c.must_change_password,
           c.temporary_password_expires_at, c.locked_until,
           c.unknown_devices_locked_until,
           d.counted, d.unknown_devices_locked, d.locks_unknown_devices,
           d.client_count, d.client_locked_until,
           (SELECT json_build_object('count', s.failed_login_count,
               'locked_until', s.locked_until)
            FROM credential_sign_in_client s
            WHERE s.credential_id = c.id AND s.client_key = :client_key
              AND s.deleted_at IS NULL) AS refused_client,
           (SELECT coalesce(json_agg(json_build_object(
               'id', r.id, 'customer_id', r.customer_id,
               'internet_user', r.internet_user, 'permissions', r.permissions
             ) ORDER BY r.created_at), '[]'::json)
            FROM customer_reference r
            WHERE r.auth_identity_id = :auth_identity_id AND r.deleted_at IS NULL) AS "references"`,
        values
      )
    )
    const row = rows[0]
    if (!row) {
      return null
    }
    const json = <T>(value: unknown): T =>
      typeof value === "string" ? JSON.parse(value) : (value as T)
    const date = (value: unknown) => (value ? new Date(value as string) : null)
    const references = json<SignInAttempt["references"]>(row.references)
    const base = {
      credential_id: row.id,
      login_enabled: row.login_enabled,
      email_confirmed: row.email_confirmed,
      must_change_password: row.must_change_password,
      temporary_password_expires_at: row.temporary_password_expires_at,
      locked_unknown_devices: Boolean(row.locks_unknown_devices),
      references,
    }
    if (row.counted) {
      return {
        ...base,
        failed_login_count: row.client_count,
        locked_until: date(row.client_locked_until),
        was_locked: false,
        refused_by: null,
      }
    }
    if (row.unknown_devices_locked && !client.known_device) {
      const seen = json<{ count: number } | null>(row.refused_client)
      return {
        ...base,
        failed_login_count: seen?.count ?? 0,
        locked_until: date(row.unknown_devices_locked_until),
        was_locked: true,
        refused_by: "unknown_devices",
      }
    }
    // Refused by its own lock. The row as this statement's snapshot saw it
    // may predate that lock: the account's horizon bounds it then.
    const seen = json<{ count: number; locked_until: string | null } | null>(
      row.refused_client
    )
    const own = date(seen?.locked_until)
    return {
      ...base,
      failed_login_count: seen?.count ?? rule.threshold,
      locked_until: own && own > now ? own : date(row.locked_until),
      was_locked: true,
      refused_by: "client",
    }
  }

  /**
   * Ends a sign-in whose password was right: clears this client's count and
   * lock (not other clients'; its row stays, holding nothing), takes this attempt off the account's count,
   * stamps the sign-in when it went through, and writes the audit row, in
   * one statement.
   */
  async settleSignInAttempt(
    manager: EntityManager,
    input: {
      credentialId: string
      signedInAt: Date | null
      event: CredentialEventInput
      client?: SignInClient
    },
    now: Date = new Date()
  ): Promise<void> {
    const { event } = input
    const [text, params] = bindNamed(
      `WITH account AS (
         SELECT id FROM customer_credential WHERE id = :credential_id FOR UPDATE
       ), reset AS (
         -- This client's count back to none. The row is kept, not deleted:
         -- the next attempt from this client updates it in place (no index
         -- entries made and dropped per sign-in); another client's attempt
         -- prunes it (beginSignInAttempt), as any row that holds nothing.
         UPDATE credential_sign_in_client s
         SET failed_login_count = 0, last_failed_login_at = NULL,
           locked_until = NULL, updated_at = :now::timestamptz
         FROM account a
         WHERE s.credential_id = a.id AND s.client_key = :client_key
           AND s.deleted_at IS NULL
         RETURNING s.id
       ), cleared AS (
         UPDATE customer_credential c
         SET failed_login_count = GREATEST(c.failed_login_count - 1, 0),
             last_failed_login_at = CASE WHEN c.failed_login_count <= 1
               THEN NULL ELSE c.last_failed_login_at END,
             locked_until = GREATEST(
               CASE WHEN c.unknown_devices_locked_until > :now::timestamptz
                 AND c.unknown_devices_locked_until <= c.locked_until
                 THEN c.unknown_devices_locked_until END,
               (SELECT max(s.locked_until) FROM credential_sign_in_client s
                WHERE s.credential_id = c.id AND s.client_key <> :client_key
                  AND s.deleted_at IS NULL AND s.locked_until > :now::timestamptz
                  AND s.locked_until <= c.locked_until)
             ),
             last_login_at = coalesce(:signed_in_at::timestamptz, c.last_login_at),
             updated_at = :now::timestamptz
         FROM account a
         WHERE c.id = a.id
         RETURNING c.id
       )
       `,
      {
        credential_id: input.credentialId,
        client_key: (input.client ?? ANY_SIGN_IN_CLIENT).key,
        now,
        signed_in_at: input.signedInAt,
      }
    )
    await runPrepared(manager, "credentials_settle_sign_in_attempt", [
      `${text}${INSERT_CREDENTIAL_EVENT}`,
      [...params, ...credentialEventValues(event, now)],
    ])
  }

  /**
   * What a signed-in request's token gate reads, in one statement: the
   * credential rows of the account the token acts for and of the login's own
   * customer, and whether the login's reference to the account (B2B) may
   * still sign in for it.
   */
  async readSessionState(
    manager: EntityManager,
    input: {
      authIdentityId: string
      actorId: string
      loginCustomerId: string | null
    }
  ): Promise<SessionState> {
    const [row] = await manager.execute(
      `SELECT
         (SELECT coalesce(json_agg(json_build_object(
             'customer_id', c.customer_id,
             'login_enabled', c.login_enabled,
             'must_change_password', c.must_change_password,
             'temporary_password_expires_at', c.temporary_password_expires_at)), '[]'::json)
          FROM customer_credential c
          WHERE c.customer_id IN (?, ?) AND c.deleted_at IS NULL) AS credentials,
         (SELECT r.internet_user FROM customer_reference r
          WHERE r.auth_identity_id = ? AND r.customer_id = ? AND r.deleted_at IS NULL
          LIMIT 1) AS reference_internet_user`,
      [
        input.actorId,
        input.loginCustomerId ?? input.actorId,
        input.authIdentityId,
        input.actorId,
      ]
    )
    const credentials =
      typeof row.credentials === "string"
        ? JSON.parse(row.credentials)
        : row.credentials
    return {
      credentials,
      reference_internet_user: row.reference_internet_user ?? null,
    }
  }

  /** Appends one audit row in one plain statement (the sign-in's hot path). */
  async appendCredentialEvent(
    manager: EntityManager,
    event: CredentialEventInput,
    now: Date = new Date()
  ): Promise<void> {
    await manager.execute(
      INSERT_CREDENTIAL_EVENT,
      credentialEventValues(event, now)
    )
  }

  /**
   * Applies a flow's change to a customer's credential row and appends its
   * audit row, in one statement: creates the row (with the defaults for every
   * other column) when the customer has none, updates it otherwise (the
   * upsert takes the row lock; `previous` is read from the statement's
   * snapshot, since a row this statement updates is no longer there to lock).
   * Columns in `keepExisting` are written only where the row has no value
   * yet (the first registration date). Returns what a compensation needs to
   * undo exactly this change.
   */
  async applyCredentialChange(
    manager: EntityManager,
    input: {
      customerId: string
      changes: CredentialRowChanges
      keepExisting?: CredentialChangeColumn[]
      event: Omit<CredentialEventInput, "customer_id">
    },
    now: Date = new Date()
  ): Promise<AppliedCredentialChange> {
    const columns = CREDENTIAL_CHANGE_COLUMNS.filter(
      (column) => column in input.changes
    )
    const keep = new Set(input.keepExisting ?? [])
    const { event } = input
    const rows = await manager.execute(
      `WITH previous AS (
         SELECT ${["id", ...columns].join(", ")} FROM customer_credential
         WHERE customer_id = ? AND deleted_at IS NULL
       ), upserted AS (
         INSERT INTO customer_credential
           (${["id", "customer_id", ...columns, "created_at", "updated_at"].join(", ")})
         VALUES (${["?", "?", ...columns.map(() => "?"), "?", "?"].join(", ")})
         ON CONFLICT (customer_id) WHERE deleted_at IS NULL DO UPDATE SET
           ${[
             ...columns.map((column) =>
               keep.has(column)
                 ? `${column} = coalesce(customer_credential.${column}, EXCLUDED.${column})`
                 : `${column} = EXCLUDED.${column}`
             ),
             "updated_at = EXCLUDED.updated_at",
           ].join(", ")}
         RETURNING id, (xmax = 0) AS inserted
       ), event AS (
         ${INSERT_CREDENTIAL_EVENT}
         RETURNING id
       )
       SELECT upserted.id AS credential_id, upserted.inserted,
         (SELECT row_to_json(previous) FROM previous) AS previous,
         (SELECT id FROM event) AS event_id
       FROM upserted`,
      [
        input.customerId,
        entityId(CUSTOMER_CREDENTIAL_ID_PREFIX),
        input.customerId,
        ...columns.map((column) => input.changes[column] ?? null),
        now,
        now,
        ...credentialEventValues(
          { ...event, customer_id: input.customerId },
          now
        ),
      ]
    )
    const row = rows[0]
    const previous =
      typeof row.previous === "string" ? JSON.parse(row.previous) : row.previous
    return {
      credential_id: row.credential_id,
      created: row.inserted,
      previous: previous
        ? Object.fromEntries(
            columns.map((column) => [
              column,
              DATE_COLUMNS.has(column) && previous[column]
                ? new Date(previous[column])
                : previous[column],
            ])
          )
        : null,
      event_id: row.event_id,
    }
  }

  /** The next customer number: short, numeric, unique, never reused. */
  async nextCustomerNumber(manager: EntityManager): Promise<string> {
    const rows = await manager.execute(
      `SELECT nextval('${CUSTOMER_NUMBER_SEQUENCE}') AS value`
    )
    return String(rows[0].value)
  }

  /** `count` new customer numbers in one round trip (bulk onboarding). */
  async nextCustomerNumbers(
    manager: EntityManager,
    count: number
  ): Promise<string[]> {
    if (count < 1) {
      return []
    }
    const rows = await manager.execute(
      `SELECT nextval('${CUSTOMER_NUMBER_SEQUENCE}') AS value FROM generate_series(1, ?)`,
      [count]
    )
    return rows.map((row) => String(row.value))
  }

  /**
   * Moves a queued bulk job to running, atomically: true for the one caller
   * that gets it (an event delivered twice never runs a job twice).
   */
  async claimBulkJob(manager: EntityManager, jobId: string): Promise<boolean> {
    const rows = await manager.execute(
      `UPDATE credential_bulk_job SET status = 'running', started_at = now(), updated_at = now()
       WHERE id = ? AND status = 'queued' AND deleted_at IS NULL RETURNING id`,
      [jobId]
    )
    return rows.length === 1
  }

  /**
   * Takes over the bulk jobs whose server stopped: running without progress
   * since `staleBefore`, or queued since then and never started. Atomic per
   * job: of two instances asking at once, each job goes to one. Returns
   * their ids, now running again.
   */
  async reclaimStaleBulkJobs(
    manager: EntityManager,
    staleBefore: Date
  ): Promise<string[]> {
    const rows = await manager.execute(
      `UPDATE credential_bulk_job
       SET status = 'running', started_at = coalesce(started_at, now()), updated_at = now()
       WHERE deleted_at IS NULL
         AND ((status = 'running' AND updated_at < ?) OR (status = 'queued' AND created_at < ?))
       RETURNING id`,
      [staleBefore, staleBefore]
    )
    return rows.map((row) => row.id as string)
  }
}
