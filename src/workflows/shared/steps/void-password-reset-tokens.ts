import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import {
  deleteResetTokens,
  readResetTokens,
  restoreResetTokens,
} from "../utils/reset-token-rows"

export const voidPasswordResetTokensStepId = "void-password-reset-tokens"

/**
 * A password set by the admin (typed, generated, bulk) or changed by the
 * person voids the logins' open reset links: a "Forgot password" link emailed
 * before no longer replaces the password chosen since (core spends a token
 * only when it is used, and keeps it 15 minutes). Compensation puts them
 * back.
 */
export const voidPasswordResetTokensStep = createStep(
  voidPasswordResetTokensStepId,
  async (input: { auth_identity_ids: string[] }, { container }) => {
    const voided = input.auth_identity_ids.length
      ? await readResetTokens(container, input)
      : []
    await deleteResetTokens(container, voided)
    return new StepResponse(voided.length, voided.length ? voided : null)
  },
  async (voided, { container }) => {
    if (voided) {
      await restoreResetTokens(container, voided)
    }
  }
)
