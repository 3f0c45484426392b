import { Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { createResetToken } from "../../shared/utils/create-reset-token"
import { EMAILPASS_PROVIDER } from "../../shared/utils/customer-login"
import {
  readResetTokens,
  restoreResetTokens,
} from "../../shared/utils/reset-token-rows"

export const createActivationTokenStepId = "create-activation-token"

/**
 * The activation link's token: a core reset token for the email, issued
 * under its lock (`create-reset-token.ts`). Core voids the email's earlier
 * tokens as it makes one; compensation spends the new token and puts the
 * earlier ones back, so an activation whose email cannot be sent leaves the
 * person's earlier link working (`reset-token-rows.ts`).
 */
export const createActivationTokenStep = createStep(
  createActivationTokenStepId,
  async (input: { email: string; ttl_seconds: number }, { container }) => {
    const earlier = await readResetTokens(container, { email: input.email })
    const { jti } = await createResetToken(container, input)
    return new StepResponse({ jti }, { jti, email: input.email, earlier })
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
    await restoreResetTokens(container, made.earlier ?? [])
  }
)
