import type { MedusaResponse } from "@medusajs/framework/http"
import { SignInRefused } from "../../gates/login-gates"

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
  if (error.retryAfterSeconds) {
    res.setHeader("Retry-After", String(Math.ceil(error.retryAfterSeconds)))
  }
  res.status(error.status).json({
    type: error.status === 429 ? "too_many_requests" : "unauthorized",
    code: error.gate,
    message: error.message,
  })
  return true
}
