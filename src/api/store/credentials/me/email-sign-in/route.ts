import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { changeOwnPasswordWorkflow } from "../../../../../workflows/credentials/change-own-password"
import { reissueToken } from "../../../../gates/reissue-token"
import { readLoginSignIn } from "../../../../utils/read-login-sign-in"
import { respondToTooManyAttempts } from "../../../../utils/respond-to-too-many-attempts"
import { signInLockClient } from "../../../../utils/sign-in/lock-client"
import type { StoreEnableEmailSignInType } from "../../validators"

/**
 * "Sign in with my email too": a login a backoffice activation made sign in
 * with its customer number only takes its email as well, with a new
 * password (`{ current_password, new_password }`), in the same workflow as
 * the own-password change (its lock, policy, current-password check and
 * "password changed" email). 400 when it already does or when the login
 * acts for an account that is not its own, 409 when the email
 * signs in to another account; then nothing changed.
 */
export const POST = async (
  req: AuthenticatedMedusaRequest<StoreEnableEmailSignInType>,
  res: MedusaResponse
) => {
  const loginCustomerId =
    (req.auth_context.app_metadata?.customer_id as string | undefined) ??
    req.auth_context.actor_id
  const { client, ip } = await signInLockClient(req, loginCustomerId)
  try {
    await changeOwnPasswordWorkflow(req.scope).run({
      input: {
        ...req.validatedBody,
        customer_id: req.auth_context.actor_id,
        auth_identity_id: req.auth_context.auth_identity_id!,
        client,
        ip,
        enable_email_sign_in: true,
      },
    })
  } catch (error) {
    if (respondToTooManyAttempts(res, error)) {
      return
    }
    throw error
  }
  // The new password ended every session of the login, this one too.
  res.json({
    success: true,
    sign_in_with: (
      await readLoginSignIn(req.scope, {
        auth_identity_id: req.auth_context.auth_identity_id!,
        customer_id: req.auth_context.actor_id,
      })
    ).sign_in_with,
    token: await reissueToken(req),
  })
}
