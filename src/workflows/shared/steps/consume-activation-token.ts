import { MedusaError, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { EMAILPASS_PROVIDER } from "../utils/customer-login"

export const LINK_USED_OR_INVALID =
  "This link is invalid or was already used. Ask for a new one."

export const consumeActivationTokenStepId = "consume-activation-token"

/**
 * Spends the single-use token behind a backoffice activation link (a core
 * password-reset token). A spent token cannot be given back, so this runs
 * after every check that could refuse the request.
 */
export const consumeActivationTokenStep = createStep(
  consumeActivationTokenStepId,
  async (input: { email: string; jti: string }, { container }) => {
    try {
      await container.resolve(Modules.AUTH).consumePasswordResetToken({
        jti: input.jti,
        provider: EMAILPASS_PROVIDER,
        entity_id: input.email,
      })
    } catch {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        LINK_USED_OR_INVALID
      )
    }
    return new StepResponse(void 0)
  }
)
