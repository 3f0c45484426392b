import type { AuthenticatedMedusaRequest } from "@medusajs/framework/http"
import { Modules } from "@medusajs/framework/utils"
import { EMAILPASS_PROVIDER } from "../../workflows/shared/utils/customer-login"
import { mintCustomerToken } from "../../workflows/sign-in/utils/mint-customer-token"
import { verifyCustomerToken } from "./customer-auth-context"

type SessionHolder = { session?: { auth_context?: unknown } }

/**
 * A new token for the signed-in request's login and account, issued after a
 * change that ended the login's sessions (a password change): the device
 * that made the change stays signed in, every other one signs in again. A
 * cookie session is moved onto the new token as well.
 */
export const reissueToken = async (
  req: AuthenticatedMedusaRequest
): Promise<string> => {
  const identity = await req.scope
    .resolve(Modules.AUTH)
    .retrieveAuthIdentity(req.auth_context.auth_identity_id!, {
      relations: ["provider_identities"],
    })
  const { token } = await mintCustomerToken(
    req.scope,
    identity,
    req.auth_context.actor_id,
    (req.auth_context as { auth_provider?: string }).auth_provider ??
      EMAILPASS_PROVIDER
  )
  const holder = req as unknown as SessionHolder
  if (holder.session?.auth_context) {
    holder.session.auth_context = verifyCustomerToken(
      req.scope,
      `Bearer ${token}`
    )
  }
  return token
}
