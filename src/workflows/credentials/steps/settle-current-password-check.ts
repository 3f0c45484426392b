import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { CREDENTIALS_MODULE } from "../../../modules/credentials"
import type CredentialsModuleService from "../../../modules/credentials/service"
import type { VerifiedCurrentPassword } from "./verify-current-password"

export const settleCurrentPasswordCheckStepId = "settle-current-password-check"

/**
 * Ends a password change whose current password was right, as a sign-in
 * ends: this client's count and lock are cleared, the counted attempt is
 * taken off the account's count, and the "password changed" audit row is
 * written, in one statement (`settleSignInAttempt`). It is the change's
 * last write before its lock is released, and keeps no compensation: the
 * statement returns no row id to undo.
 */
export const settleCurrentPasswordCheckStep = createStep(
  settleCurrentPasswordCheckStepId,
  async (verified: VerifiedCurrentPassword, { container }) => {
    await container
      .resolve<CredentialsModuleService>(CREDENTIALS_MODULE)
      .settleSignInAttempt({
        credentialId: verified.credential_id,
        client: verified.client,
        signedInAt: null,
        event: {
          customer_id: verified.actor_id,
          action: "password_changed",
          actor_type: "customer",
          actor_id: verified.actor_id,
        },
      })
    return new StepResponse(void 0, null)
  }
)
