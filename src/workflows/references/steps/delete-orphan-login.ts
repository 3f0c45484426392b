import { deleteLogins } from "../../shared/utils/login-sessions"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"

export const deleteOrphanLoginStepId = "delete-orphan-login"

/** Deletes a login left with no account. Last step: it cannot be undone. */
export const deleteOrphanLoginStep = createStep(
  deleteOrphanLoginStepId,
  async (authIdentityId: string | null, { container }) => {
    if (authIdentityId) {
      await deleteLogins(container, [authIdentityId])
    }
    return new StepResponse(void 0)
  }
)
