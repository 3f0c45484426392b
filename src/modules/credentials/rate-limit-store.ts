import type { Logger } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import {
  type RateLimiterAbstract,
  RateLimiterMemory,
  RateLimiterPostgres,
} from "rate-limiter-flexible"

/**
 * Where the plugin's rate limits keep their counts: the table
 * `credential_rate_limit` (migration `Migration20261130090000`) in the
 * store's own PostgreSQL database, shared by every server instance, through
 * rate-limiter-flexible's PostgreSQL store (one atomic upsert per count).
 * PostgreSQL rather than Redis: every Medusa has it, so every store, from
 * `npm run dev` to several instances, counts the same way; and the limits
 * then sit next to the per-account lock they complement. Only when the
 * database cannot hold them (no connection, the table not migrated) are
 * they kept in this process's memory, with a warning.
 */
export const RATE_LIMIT_TABLE = "credential_rate_limit"

/** The app's knex connection, as Medusa registers it. */
type KnexConnection = {
  raw(
    sql: string,
    bindings?: unknown[]
  ): Promise<{ rows: unknown[]; rowCount?: number | null }>
}

export type RateLimitStore =
  | { kind: "postgres"; connection: KnexConnection }
  | { kind: "memory"; reason: string }

type Resolver = { resolve<T = unknown>(key: string): T }

let chosen: Promise<RateLimitStore> | undefined

const choose = async (
  container: Resolver,
  logger: Logger | undefined
): Promise<RateLimitStore> => {
  let store: RateLimitStore
  try {
    const connection = container.resolve<KnexConnection>(
      ContainerRegistrationKeys.PG_CONNECTION
    )
    const { rows } = await connection.raw("select to_regclass(?) as found", [
      RATE_LIMIT_TABLE,
    ])
    store = (rows[0] as { found: string | null } | undefined)?.found
      ? { kind: "postgres", connection }
      : {
          kind: "memory",
          reason: `the table ${RATE_LIMIT_TABLE} does not exist (run \`medusa db:migrate\`)`,
        }
  } catch (error) {
    store = {
      kind: "memory",
      reason: `the database could not be read (${(error as Error).message})`,
    }
  }
  if (store.kind === "memory") {
    logger?.warn(
      `customer-credentials: rate limits are kept in this process's memory, not shared with other server instances, because ${store.reason}.`
    )
  }
  return store
}

/**
 * The store, chosen once per process: at start-up by the module's loader,
 * or else at the first limited request.
 */
export const rateLimitStore = (
  container: Resolver
): Promise<RateLimitStore> => {
  if (!chosen) {
    let logger: Logger | undefined
    try {
      logger = container.resolve<Logger>(ContainerRegistrationKeys.LOGGER)
    } catch {
      logger = undefined
    }
    chosen = choose(container, logger)
  }
  return chosen
}

export type LimiterOptions = {
  /** Names the limit; part of every key it stores. */
  keyPrefix: string
  points: number
  /** Seconds the count runs over. */
  duration: number
  /** Seconds a key is refused once over the limit (default: the window's rest). */
  blockDuration?: number
}

/**
 * Keys come from requests (an email as sent, before validation): PostgreSQL
 * text cannot hold NUL, and a lone surrogate would be stored as U+FFFD (two
 * keys as one). Each key is stored as its JSON string escape, which holds
 * any string and keeps different keys different.
 */
class RateLimiterPostgresText extends RateLimiterPostgres {
  override getKey(key: string | number): string {
    return super.getKey(JSON.stringify(String(key)).slice(1, -1))
  }
}

/** A limiter on the chosen store. */
export const createRateLimiter = (
  store: RateLimitStore,
  options: LimiterOptions
): RateLimiterAbstract =>
  store.kind === "postgres"
    ? new RateLimiterPostgresText({
        ...options,
        storeClient: store.connection,
        storeType: "knex",
        tableName: RATE_LIMIT_TABLE,
        // Made by the module's migration; expired rows are deleted by the
        // job `clear-expired-rate-limits`, not by a timer per limiter.
        tableCreated: true,
        clearExpiredByTimeout: false,
      })
    : new RateLimiterMemory(options)
