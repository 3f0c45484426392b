import type { AuthenticatedMedusaRequest } from "@medusajs/framework/http"
import { MedusaError, Modules } from "@medusajs/framework/utils"
import { CREDENTIALS_MODULE } from "../../../modules/credentials"
import type CredentialsModuleService from "../../../modules/credentials/service"
import type { CredentialEventInput } from "../../../modules/credentials/types"
import { EMAILPASS_PROVIDER } from "../../../workflows/shared/utils/customer-login"
import { listLoginAccounts } from "../../../workflows/shared/utils/login-accounts"
import { isCurrentSession } from "../../../workflows/shared/utils/login-sessions"
import { SESSION_ENDED } from "../../gates/session-verdict"
import { mintCustomerToken } from "../../../workflows/sign-in/utils/mint-customer-token"

/**
 * Issues a token for one of the signed-in login's accounts, if the login may
 * sign in for it (a reference with `internet_user` on, or the login's own
 * customer).
 */
export const chooseAccount = async (
  req: AuthenticatedMedusaRequest,
  customerId: string
) => {
  const authIdentityId = req.auth_context?.auth_identity_id
  if (!authIdentityId) {
    throw new MedusaError(MedusaError.Types.UNAUTHORIZED, "Sign in first.")
  }
  const identity = await req.scope
    .resolve(Modules.AUTH)
    .retrieveAuthIdentity(authIdentityId, {
      relations: ["provider_identities"],
    })
  // Sessions ended since the token gate accepted this one: the new token
  // would carry the new epoch and outlive the change.
  if (
    !isCurrentSession(
      (req.auth_context as { app_metadata?: Record<string, unknown> })
        .app_metadata,
      identity.app_metadata
    )
  ) {
    throw new MedusaError(
      MedusaError.Types.UNAUTHORIZED,
      SESSION_ENDED.message,
      SESSION_ENDED.code
    )
  }
  const accounts = await listLoginAccounts(
    req.scope,
    identity.id,
    (identity.app_metadata?.customer_id as string) ?? null
  )
  const account = accounts.find(
    (candidate) =>
      candidate.customer_id === customerId && candidate.internet_user
  )
  if (!account) {
    throw new MedusaError(
      MedusaError.Types.FORBIDDEN,
      "This login may not sign in for that account."
    )
  }

  const provider =
    ((req.auth_context as { auth_provider?: string })
      .auth_provider as string) ?? EMAILPASS_PROVIDER
  const result = await mintCustomerToken(
    req.scope,
    identity,
    customerId,
    provider
  )
  await req.scope
    .resolve<CredentialsModuleService>(CREDENTIALS_MODULE)
    .createCredentialEvents([
      {
        customer_id: customerId,
        action: "account_selected",
        actor_type: "customer",
        actor_id: customerId,
        metadata: { auth_identity_id: identity.id },
      } satisfies CredentialEventInput,
    ])
  return { token: result.token, customer_id: customerId, name: account.name }
}
