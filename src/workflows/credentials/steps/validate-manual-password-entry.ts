import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { CredentialSettingsValues } from "../../../modules/credentials/types"

export const validateManualPasswordEntryStepId =
  "validate-manual-password-entry"

/** An admin may type a customer's password only when Allow Manual Entry is on. */
export const validateManualPasswordEntryStep = createStep(
  validateManualPasswordEntryStepId,
  async (settings: CredentialSettingsValues) => {
    if (!settings.allow_manual_entry) {
      throw new MedusaError(
        MedusaError.Types.FORBIDDEN,
        "Entering a password for a customer is turned off. Turn on Allow Manual Entry in the credential settings, or use Reset password or Generate and send credentials instead."
      )
    }
    return new StepResponse(void 0)
  }
)
