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

/** A gate's refusal: `{ type, code, message }`, as every plugin refusal. */
export type Refusal = {
  status: number
  code: string
  message: string
  headers?: Record<string, string>
}

export const refuse = (res: MedusaResponse, refusal: Refusal): void => {
  for (const [name, value] of Object.entries(refusal.headers ?? {})) {
    res.setHeader(name, value)
  }
  res.status(refusal.status).json({
    type: TYPES[refusal.status] ?? "not_allowed",
    code: refusal.code,
    message: refusal.message,
  })
}
