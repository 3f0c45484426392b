import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { CREDENTIALS_MODULE } from "../../modules/credentials"
import type { AppliedCredentialIntents } from "../../modules/credentials/credential-intents"
import type CredentialsModuleService from "../../modules/credentials/service"

export type ApplyPasswordChangeStepInput = {
  credential_id: string
  /** Must the customer choose their own password at the next sign-in? */
  temporary: boolean
  /** Minutes the temporary password works; 0 or less: no expiry. */
  expiration_minutes: number
  /** Also turn login on (generated credentials are meant to be used). */
  enable_login?: boolean
  /** Give the customer a customer number if they have none. */
  assign_customer_number?: boolean
  /** Set "Email confirmed" (a login this change creates). */
  email_confirmed?: boolean
}

export const applyPasswordChangeStepId = "apply-password-change"

/**
 * Records a new password on the customer's login state through the module's
 * one writer of it (`applyCredentialIntents`, credential-intents.ts).
 * Compensation restores the row.
 */
export const applyPasswordChangeStep = createStep(
  applyPasswordChangeStepId,
  async (input: ApplyPasswordChangeStepInput, { container }) => {
    const service =
      container.resolve<CredentialsModuleService>(CREDENTIALS_MODULE)
    const { customer_id } = await service.retrieveCustomerCredential(
      input.credential_id,
      { select: ["customer_id"] }
    )
    const { credentials, applied } = await service.applyCredentialIntents([
      {
        customer_id,
        new_password: {
          temporary: input.temporary,
          expiration_minutes: input.expiration_minutes,
        },
        enable_login: input.enable_login,
        email_confirmed: input.email_confirmed,
        assign_customer_number: input.assign_customer_number,
      },
    ])
    return new StepResponse(credentials[0], applied)
  },
  async (applied: AppliedCredentialIntents | undefined, { container }) => {
    if (!applied) {
      return
    }
    const service =
      container.resolve<CredentialsModuleService>(CREDENTIALS_MODULE)
    await service.undoCredentialIntents(applied)
  }
)
