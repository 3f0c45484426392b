import type { MedusaResponse } from "@medusajs/framework/http"
import { TOO_MANY_ATTEMPTS_CODE } from "../../workflows/credentials/steps/verify-current-password"
import { refuse, retryAfter } from "./refuse"

/**
 * Answers a workflow refused because the login is locked (a step's
 * `tooManyPasswordAttempts`, serialized by the workflow engine) with 429 and
 * Retry-After, like a locked sign-in. Anything else goes on to Medusa's
 * error handler.
 */
export const respondToTooManyAttempts = (
  res: MedusaResponse,
  error: unknown
): boolean => {
  const refusal = error as {
    code?: unknown
    message?: unknown
    retry_after_seconds?: unknown
  } | null
  if (refusal?.code !== TOO_MANY_ATTEMPTS_CODE) {
    return false
  }
  refuse(res, {
    status: 429,
    code: TOO_MANY_ATTEMPTS_CODE,
    message: String(refusal.message),
    headers:
      typeof refusal.retry_after_seconds === "number"
        ? retryAfter(refusal.retry_after_seconds)
        : undefined,
  })
  return true
}
