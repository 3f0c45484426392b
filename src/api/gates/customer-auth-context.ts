import {
  getAuthContextFromJwtToken,
  type MedusaRequest,
} from "@medusajs/framework/http"
import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { tokenVerificationKey } from "./token-verification-key"

/** The claims of a customer token (or a cookie session made from one). */
export type CustomerAuthContext = {
  actor_id: string
  actor_type: string
  auth_identity_id: string
  auth_provider?: string
  app_metadata?: Record<string, unknown>
  /** Set on core's reset tokens, which are not sessions. */
  purpose?: string
}

type SessionHolder = { session?: { auth_context?: CustomerAuthContext } }

/**
 * The customer identities a request presents, read as core's `authenticate`
 * reads them (a cookie session, then a bearer token verified with the
 * store's JWT secret and options), whatever route it is sent to.
 */
export const readCustomerAuthContexts = (
  req: MedusaRequest
): {
  session: CustomerAuthContext | null
  bearer: CustomerAuthContext | null
} => {
  const fromSession = (req as unknown as SessionHolder).session?.auth_context
  const session = fromSession?.actor_type === "customer" ? fromSession : null

  const verified = req.headers.authorization
    ? verifyCustomerToken(req.scope, req.headers.authorization)
    : null
  return { session, bearer: verified ?? null }
}

/**
 * A customer token's claims, verified as core's `authenticate` verifies
 * them (the store's public key, else its secret, and its verify options),
 * or null. `authorization` is the header's value, `Bearer <token>`.
 */
export const verifyCustomerToken = (
  scope: MedusaContainer,
  authorization: string
): CustomerAuthContext | null => {
  const { http } = scope.resolve(
    ContainerRegistrationKeys.CONFIG_MODULE
  ).projectConfig
  // The same key core verifies with, made once (token-verification-key.ts).
  return getAuthContextFromJwtToken(
    authorization,
    tokenVerificationKey(http.jwtSecret, http.jwtPublicKey)!,
    ["bearer"],
    ["customer"],
    undefined,
    http.jwtVerifyOptions ?? http.jwtOptions
  ) as CustomerAuthContext | null
}

/** Forgets a cookie session whose login state ended. */
export const dropCustomerSession = (req: MedusaRequest) => {
  const holder = req as unknown as SessionHolder
  if (holder.session?.auth_context) {
    delete holder.session.auth_context
  }
}
