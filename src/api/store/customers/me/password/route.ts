import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { reissueToken } from "../../../../gates/reissue-token"
import { changeOwnPasswordWorkflow } from "../../../../../workflows/credentials/change-own-password"
import type { StoreChangePasswordType } from "../../../credentials/validators"
import { respondToTooManyAttempts } from "../../../../utils/respond-to-too-many-attempts"
import { signInLockClient } from "../../../../utils/sign-in/lock-client"

/**
 * `{ current_password, new_password }` → 200; the customer gets a "password
 * changed" email. A wrong current password counts as a failed sign-in; while
 * the login is locked: 429 with Retry-After.
 */
export const POST = async (
  req: AuthenticatedMedusaRequest<StoreChangePasswordType>,
  res: MedusaResponse
) => {
  // The current password is checked under the sign-in's lock, for this
  // client as sign-in counts it (known device, or address).
  const { client, ip } = await signInLockClient(
    req,
    (req.auth_context.app_metadata?.customer_id as string | undefined) ??
      req.auth_context.actor_id
  )
  try {
    await changeOwnPasswordWorkflow(req.scope).run({
      input: {
        ...req.validatedBody,
        customer_id: req.auth_context.actor_id,
        auth_identity_id: req.auth_context.auth_identity_id!,
        client,
        ip,
      },
    })
  } catch (error) {
    if (respondToTooManyAttempts(res, error)) {
      return
    }
    throw error
  }
  // The change ended every session of the login, this one too: the request
  // that made it gets a new token for the same account.
  res.json({ success: true, token: await reissueToken(req) })
}
