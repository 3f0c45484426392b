import type { MedusaResponse } from "@medusajs/framework/http"

const TYPES: Record<number, string> = {
  400: "invalid_data",
  401: "unauthorized",
  403: "not_allowed",
  404: "not_found",
  405: "not_allowed",
  409: "duplicate_error",
  429: "too_many_requests",
}

/**
 * Every refusal the plugin answers: `{ type, code, message }` (the `type`
 * core's errors carry for the status, a stable `code` a storefront can act
 * on, a sentence for the person), plus any `details` the client needs to
 * act (for example where single sign-on starts).
 */
export type Refusal = {
  status: number
  code: string
  message: string
  headers?: Record<string, string>
  details?: Record<string, unknown>
  /** Core's error type, when the status alone does not say it (409). */
  type?: string
}

/** `Retry-After`, in whole seconds (at least 1), for a 429. */
export const retryAfter = (seconds: number): Record<string, string> => ({
  "Retry-After": String(Math.max(1, Math.ceil(seconds))),
})

export const refuse = (res: MedusaResponse, refusal: Refusal): void => {
  for (const [name, value] of Object.entries(refusal.headers ?? {})) {
    res.setHeader(name, value)
  }
  res.status(refusal.status).json({
    type: refusal.type ?? TYPES[refusal.status] ?? "not_allowed",
    code: refusal.code,
    message: refusal.message,
    ...refusal.details,
  })
}
