import type { MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { refuse } from "../refuse"

const STATUS: Record<string, [number, string]> = {
  [MedusaError.Types.CONFLICT]: [409, "conflict"],
  [MedusaError.Types.FORBIDDEN]: [403, "not_allowed"],
  [MedusaError.Types.UNAUTHORIZED]: [401, "unauthorized"],
  [MedusaError.Types.INVALID_DATA]: [400, "invalid_data"],
}

/**
 * Answers a refused single sign-on with `{ type, code, message }` (Medusa's
 * error handler would drop the code of a 409); anything else goes on to it.
 */
export const respondToSsoRefusal = (
  res: MedusaResponse,
  error: unknown
): boolean => {
  if (!MedusaError.isMedusaError(error as Error)) {
    return false
  }
  const { type, code, message } = error as MedusaError
  const status = STATUS[type]
  if (!status || !code) {
    return false
  }
  refuse(res, { status: status[0], type: status[1], code, message })
  return true
}
