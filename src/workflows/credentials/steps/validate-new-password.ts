import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { PasswordPolicy } from "../../../modules/credentials/types"
import { unmetPasswordPolicy } from "../../../modules/credentials/utils/check-new-password"
import { passwordPolicyMessage } from "../../../modules/credentials/utils/password-policy"

export type ValidateNewPasswordStepInput = {
  password: string
  /** Checked when given: the admin form and the storefront send it. */
  confirm_password?: string
  policy: PasswordPolicy
}

export const validateNewPasswordStepId = "validate-new-password"

/** Refuses a password that differs from its confirmation or breaks the policy. */
export const validateNewPasswordStep = createStep(
  validateNewPasswordStepId,
  async (input: ValidateNewPasswordStepInput) => {
    if (
      input.confirm_password !== undefined &&
      input.confirm_password !== input.password
    ) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        "The password and its confirmation differ."
      )
    }
    const unmet = await unmetPasswordPolicy(input.password, input.policy)
    if (unmet.length) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        passwordPolicyMessage(unmet)
      )
    }
    return new StepResponse(void 0)
  }
)
