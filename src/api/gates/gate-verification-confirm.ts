import type {
  MedusaNextFunction,
  MedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import {
  assertVerificationConfirmsOwnLogin,
  findVerificationByCode,
} from "../../workflows/registration/utils/verification-ownership"
import { refuse } from "../utils/refuse"

/**
 * Core's `POST /auth/verification/confirm` marks any code's record verified,
 * whoever presents it (its token provider ignores the caller's identity).
 * Before core spends the code, this gate refuses a code of another login
 * (when the caller is signed in) and an email code whose address is not its
 * login's own email. Codes core cannot find (unknown, other providers) go on
 * to core, which answers for them.
 */
export const gateVerificationConfirm = async (
  req: MedusaRequest,
  res: MedusaResponse,
  next: MedusaNextFunction
) => {
  const code = ((req.validatedBody ?? req.body ?? {}) as { code?: unknown })
    .code
  if (typeof code !== "string" || !code) {
    return next()
  }
  const verification = await findVerificationByCode(req.scope, code)
  if (!verification || verification.verified_at) {
    return next()
  }
  const caller = (
    req as MedusaRequest & { auth_context?: { auth_identity_id?: string } }
  ).auth_context
  try {
    await assertVerificationConfirmsOwnLogin(req.scope, verification, {
      auth_identity_id: caller?.auth_identity_id,
    })
  } catch (error) {
    if (!(error instanceof MedusaError)) {
      throw error
    }
    return refuse(res, {
      status: 403,
      code: "verification_not_own_login",
      message: error.message,
    })
  }
  next()
}
