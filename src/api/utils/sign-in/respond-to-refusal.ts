import type { MedusaResponse } from "@medusajs/framework/http"
import { SignInRefused } from "../../../workflows/shared/utils/login-gates"
import { refuse, retryAfter } from "../refuse"

/**
 * Answers a refused sign-in with its status (401, or 429 with Retry-After)
 * and `{ type, code, message }`; anything else goes on to Medusa's error
 * handler.
 */
export const respondToSignInRefusal = (
  res: MedusaResponse,
  error: unknown
): boolean => {
  if (!(error instanceof SignInRefused)) {
    return false
  }
  refuse(res, {
    status: error.status,
    code: error.gate,
    message: error.message,
    headers: error.retryAfterSeconds
      ? retryAfter(error.retryAfterSeconds)
      : undefined,
  })
  return true
}
