import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { MedusaError, Modules } from "@medusajs/framework/utils"
import { completeSsoSignInWorkflow } from "../../../../../workflows/sso/complete-sso-sign-in"
import { SSO_NOT_FINISHED } from "../../../../../workflows/sso/steps/resolve-sso-identity"
import {
  listSsoProviders,
  providerVerifiesEmail,
} from "../../../../../workflows/sso/utils/sso-provider"
import { mintCustomerToken } from "../../../../../workflows/sign-in/utils/mint-customer-token"
import { respondToSsoRefusal } from "../../../../utils/sso/respond-to-sso-refusal"
import type { StoreCompleteSsoType } from "../../validators"

/**
 * Called by the storefront with the token core's
 * `/auth/customer/{provider}/callback` returned, for any redirect provider
 * customers may use (the plugin's OpenID Connect provider, core's Google or
 * GitHub): links the identity to a customer (found by verified email, or
 * created) and returns that customer's token.
 */
export const POST = async (
  req: AuthenticatedMedusaRequest<StoreCompleteSsoType>,
  res: MedusaResponse
) => {
  const { auth_identity_id, auth_provider } = req.auth_context as {
    auth_identity_id: string
    auth_provider?: string
  }
  const sso = (await listSsoProviders(req.scope)).find(
    (candidate) => candidate.id === auth_provider
  )
  if (!sso) {
    throw new MedusaError(MedusaError.Types.UNAUTHORIZED, SSO_NOT_FINISHED)
  }
  const provider = sso.id

  try {
    const { result } = await completeSsoSignInWorkflow(req.scope).run({
      input: {
        auth_identity_id,
        provider,
        provider_verifies_email: providerVerifiesEmail(sso),
      },
    })
    const identity = await req.scope
      .resolve(Modules.AUTH)
      .retrieveAuthIdentity(auth_identity_id, {
        relations: ["provider_identities"],
      })
    const { token } = await mintCustomerToken(
      req.scope,
      identity,
      result.customer_id,
      provider
    )
    res.json({
      token,
      customer_id: result.customer_id,
      created: result.created,
      linked: result.linked,
    })
  } catch (error) {
    if (!respondToSsoRefusal(res, error)) {
      throw error
    }
  }
}
