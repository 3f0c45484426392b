import type { MedusaContainer } from "@medusajs/framework/types"
import { MedusaError, Modules } from "@medusajs/framework/utils"
import { randomUUID } from "node:crypto"

/**
 * Makes "this runs under that lock" a checked rule instead of a habit: a
 * step that changes a login's password, or issues its reset token, calls
 * this first. A lock that nobody holds is taken here by a probe owner of
 * its own (and given back at once); that means the flow forgot to take it,
 * so the step refuses to run, and every test that runs the flow fails.
 * Held locks (by the flow, through `acquireLockStep`) refuse the probe.
 */
export const assertLocksHeld = async (
  container: MedusaContainer,
  keys: string[],
  what: string
): Promise<void> => {
  const unique = [...new Set(keys)]
  if (!unique.length) {
    return
  }
  const locking = container.resolve(Modules.LOCKING)
  const ownerId = `assert-held:${randomUUID()}`
  const free: string[] = []
  for (const key of unique) {
    try {
      await locking.acquire(key, { ownerId, expire: 1 })
      free.push(key)
    } catch {
      // Held, as it must be.
    }
  }
  if (free.length) {
    await locking.release(free, { ownerId })
    throw new MedusaError(
      MedusaError.Types.UNEXPECTED_STATE,
      `${what} must run under its lock (${free.join(", ")}); the flow did not take it.`
    )
  }
}
