import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { Modules } from "@medusajs/framework/utils"
import { endCustomerSessionsWorkflow } from "../../../../../workflows/credentials/end-customer-sessions"

/**
 * A logout URL stored by an earlier version of the plugin carried the
 * sign-in's ID token as `id_token_hint`; it is never handed out again (the
 * URL also names the `client_id`, which the issuer takes instead). The
 * identity's next sign-in stores the URL without it.
 */
const withoutIdTokenHint = (location: unknown): string | null => {
  if (typeof location !== "string") {
    return null
  }
  try {
    const url = new URL(location)
    url.searchParams.delete("id_token_hint")
    return url.href
  } catch {
    return null
  }
}

/**
 * RP-initiated logout: ends the sessions of the login the customer signed
 * in with (as "sign out everywhere" does for that login: the identity
 * provider's logout signs the person out of every place they used it) and
 * answers `{ location }`, the issuer's `end_session_endpoint` URL with
 * the store's `client_id` (never the ID token as hint: no token of the
 * sign-in is kept), where the storefront sends the browser next;
 * `location: null` when the provider offers no logout (core's Google or
 * GitHub, an issuer without an end_session_endpoint, a password
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
  const location = withoutIdTokenHint(
    identity?.provider_metadata?.end_session_url
  )

  await endCustomerSessionsWorkflow(req.scope).run({
    input: {
      customer_id: actor_id,
      auth_identity_id,
      actor: { type: "customer", id: actor_id },
    },
  })
  res.json({ location })
}
