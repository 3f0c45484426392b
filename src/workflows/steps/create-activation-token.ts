import { Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { createResetToken } from "../utils/create-reset-token"
import { EMAILPASS_PROVIDER } from "../utils/customer-login"

export const createActivationTokenStepId = "create-activation-token"

/**
 * The activation link's token: a core reset token for the email, issued
 * under its lock (`create-reset-token.ts`). Compensation spends it.
 */
export const createActivationTokenStep = createStep(
  createActivationTokenStepId,
  async (input: { email: string; ttl_seconds: number }, { container }) => {
    const { jti } = await createResetToken(container, input)
    return new StepResponse({ jti }, { jti, email: input.email })
  },
  async (made, { container }) => {
    if (!made) {
      return
    }
    await container
      .resolve(Modules.AUTH)
      .consumePasswordResetToken({
        jti: made.jti,
        provider: EMAILPASS_PROVIDER,
        entity_id: made.email,
      })
      .catch(() => undefined) // already spent
  }
)
