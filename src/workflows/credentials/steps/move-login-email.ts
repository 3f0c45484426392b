import { Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"

export type MoveLoginEmailStepInput = {
  provider_identity_id: string
  from: string
  to: string
}

export const moveLoginEmailStepId = "move-login-email"

/**
 * The login's emailpass identity takes the customer's new email: the
 * password stays, the old address signs in no more. Undone, it has the old
 * email again.
 */
export const moveLoginEmailStep = createStep(
  moveLoginEmailStepId,
  async (input: MoveLoginEmailStepInput, { container }) => {
    await container.resolve(Modules.AUTH).updateProviderIdentities({
      id: input.provider_identity_id,
      entity_id: input.to,
    })
    return new StepResponse(void 0, {
      id: input.provider_identity_id,
      entity_id: input.from,
    })
  },
  async (undo, { container }) => {
    if (!undo) {
      return
    }
    await container.resolve(Modules.AUTH).updateProviderIdentities(undo)
  }
)
