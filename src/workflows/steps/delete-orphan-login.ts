import { Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"

export const deleteOrphanLoginStepId = "delete-orphan-login"

/** Deletes a login left with no account. Last step: it cannot be undone. */
export const deleteOrphanLoginStep = createStep(
  deleteOrphanLoginStepId,
  async (authIdentityId: string | null, { container }) => {
    if (authIdentityId) {
      await container
        .resolve(Modules.AUTH)
        .deleteAuthIdentities([authIdentityId])
    }
    return new StepResponse(void 0)
  }
)
