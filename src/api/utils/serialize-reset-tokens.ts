import type {
  MedusaNextFunction,
  MedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { Modules } from "@medusajs/framework/utils"
import { resetTokenLockKey } from "../../workflows/utils/reset-token-lock-key"

/**
 * Before core's `POST /auth/customer/emailpass/reset-password`: holds the
 * email's reset-token lock until core has answered, so simultaneous requests
 * for one email issue their tokens one after the other and exactly one
 * stays valid (see reset-token-lock-key.ts).
 */
export const serializeResetTokens = (
  req: MedusaRequest,
  res: MedusaResponse,
  next: MedusaNextFunction
) => {
  const identifier = (req.body as { identifier?: unknown } | undefined)
    ?.identifier
  if (typeof identifier !== "string" || !identifier.trim()) {
    return next()
  }
  req.scope
    .resolve(Modules.LOCKING)
    .execute(
      resetTokenLockKey(identifier),
      () =>
        new Promise<void>((resolve) => {
          res.once("finish", resolve)
          res.once("close", resolve)
          next()
        }),
      { timeout: 15 }
    )
    .catch(next)
}
