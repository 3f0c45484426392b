import type {
  AuthenticatedMedusaRequest,
  MedusaNextFunction,
  MedusaResponse,
} from "@medusajs/framework/http"
import { limitRequests } from "../utils/limit-requests"
import {
  isEmailEntityType,
  isLoginsOwnEmail,
} from "../../workflows/registration/utils/verification-ownership"
import { refuse } from "../utils/refuse"

export const VERIFICATION_LIMIT_WINDOW_SECONDS = 60 * 60

export const NOT_OWN_EMAIL_MESSAGE =
  "A confirmation link goes only to the email address you sign in with. To send a new link to an address, use POST /store/credentials/resend-activation with { email }."

/**
 * Core's `POST /auth/verification/request` lets any signed-in identity ask
 * for a code for any `entity_id`, and the plugin emails a code of type
 * "email" to that address. For a customer's token or session (actorless
 * registration tokens included) this gate lets through only the login's own
 * email (its emailpass identity, compared case-insensitively); with
 * `limitVerificationRequests`, at most
 * `rate_limits.verification_per_login_per_hour` requests per login and hour
 * (rate-limiter-flexible, memory store: per process). It runs after core's
 * `authenticate` on the same path, and refuses when the auth context is
 * missing rather than let a request through unchecked.
 */
export const gateVerificationRequest = async (
  req: AuthenticatedMedusaRequest,
  res: MedusaResponse,
  next: MedusaNextFunction
) => {
  const auth = req.auth_context
  if (!auth?.auth_identity_id) {
    res.status(401).json({ message: "Unauthorized" })
    return
  }
  if (auth.actor_type !== "customer") {
    return next()
  }

  const body = (req.validatedBody ?? req.body ?? {}) as {
    entity_id?: unknown
    entity_type?: unknown
  }
  if (
    isEmailEntityType(body.entity_type) &&
    !(
      typeof body.entity_id === "string" &&
      (await isLoginsOwnEmail(req.scope, auth.auth_identity_id, body.entity_id))
    )
  ) {
    return refuse(res, {
      status: 403,
      code: "verification_not_own_email",
      message: NOT_OWN_EMAIL_MESSAGE,
    })
  }

  next()
}

/** At most `rate_limits.verification_per_login_per_hour` codes per customer login. */
export const limitVerificationRequests = limitRequests({
  limit: "verification_per_login_per_hour",
  key: (req) => {
    const auth = (req as AuthenticatedMedusaRequest).auth_context
    return auth?.actor_type === "customer" ? auth.auth_identity_id : undefined
  },
  windowSeconds: VERIFICATION_LIMIT_WINDOW_SECONDS,
  message:
    "Too many confirmation links were asked for this sign-in. Try again in an hour.",
})
