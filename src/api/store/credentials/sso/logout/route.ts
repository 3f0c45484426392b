import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { Modules } from "@medusajs/framework/utils"
import { endCustomerSessionsWorkflow } from "../../../../../workflows/end-customer-sessions"

/**
 * RP-initiated logout: ends the sessions of the login the customer signed
 * in with (as "sign out everywhere" does for that login: the identity
 * provider's logout signs the person out of every place they used it) and
 * answers `{ location }`, the issuer's `end_session_endpoint` URL for the
 * sign-in (with its ID token as hint), where the storefront sends the
 * browser next; `location: null` when the provider offers no logout (core's
 * Google or GitHub, an issuer without an end_session_endpoint, a password
 * login).
 */
export const POST = async (
  req: AuthenticatedMedusaRequest,
  res: MedusaResponse
) => {
  const { actor_id, auth_identity_id, auth_provider } = req.auth_context as {
    actor_id: string
    auth_identity_id: string
    auth_provider?: string
  }
  const [identity] = auth_provider
    ? await req.scope
        .resolve(Modules.AUTH)
        .listProviderIdentities(
          { auth_identity_id, provider: auth_provider },
          { select: ["provider_metadata"], take: 1 }
        )
    : []
  const location = identity?.provider_metadata?.end_session_url

  await endCustomerSessionsWorkflow(req.scope).run({
    input: {
      customer_id: actor_id,
      auth_identity_id,
      actor: { type: "customer", id: actor_id },
    },
  })
  res.json({ location: typeof location === "string" ? location : null })
}
