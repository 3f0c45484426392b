import type { MedusaContainer } from "@medusajs/framework/types"
import {
  RATE_LIMIT_TABLE,
  rateLimitStore,
} from "../modules/credentials/rate-limit-store"

/** A row is deleted this long after its window or block ended. */
const KEEP_EXPIRED_MS = 3600_000

/**
 * The rate limits' counts (`credential_rate_limit`) are never read after
 * their window ends, but stay until deleted: every hour, on a worker, the
 * rows that ended more than an hour ago are. Any instance may run it; it
 * deletes the same rows.
 */
export default async function clearExpiredRateLimits(
  container: MedusaContainer
) {
  const store = await rateLimitStore(container)
  if (store.kind !== "postgres") {
    return { deleted: 0 }
  }
  const result = await store.connection.raw(
    `delete from "${RATE_LIMIT_TABLE}" where expire < ?`,
    [Date.now() - KEEP_EXPIRED_MS]
  )
  return { deleted: result.rowCount ?? 0 }
}

export const config = {
  name: "clear-expired-rate-limits",
  schedule: "17 * * * *",
}
