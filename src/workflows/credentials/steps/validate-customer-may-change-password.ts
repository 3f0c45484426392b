import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { CredentialSettingsValues } from "../../../modules/credentials/types"

export const validateCustomerMayChangePasswordStepId =
  "validate-customer-may-change-password"

export const validateCustomerMayChangePasswordStep = createStep(
  validateCustomerMayChangePasswordStepId,
  async (input: {
    settings: CredentialSettingsValues
    must_change_password: boolean
  }) => {
    // A temporary password must be replaced even where customers may not
    // otherwise change their password: it is the only way forward.
    if (
      !input.settings.customers_can_change_password &&
      !input.must_change_password
    ) {
      throw new MedusaError(
        MedusaError.Types.FORBIDDEN,
        "This store does not let customers change their password. Please contact us."
      )
    }
    return new StepResponse(void 0)
  }
)
