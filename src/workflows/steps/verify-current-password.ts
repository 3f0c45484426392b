import { MedusaError, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { EMAILPASS_PROVIDER } from "../utils/customer-login"

export const verifyCurrentPasswordStepId = "verify-current-password"

/** The customer proves they know their current password (core's emailpass check). */
export const verifyCurrentPasswordStep = createStep(
  verifyCurrentPasswordStepId,
  async (
    input: { email: string; password: string; new_password: string },
    { container }
  ) => {
    const { success } = await container
      .resolve(Modules.AUTH)
      .authenticate(EMAILPASS_PROVIDER, {
        body: { email: input.email, password: input.password },
      } as never)
    if (!success) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        "The current password is not correct."
      )
    }
    if (input.new_password === input.password) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        "The new password must differ from the current one."
      )
    }
    return new StepResponse(void 0)
  }
)
