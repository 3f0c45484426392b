import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { endLoginSessions, restoreLoginSessions } from "../utils/login-sessions"

export const endLoginSessionsStepId = "end-login-sessions"

/**
 * Ends every open session (token or cookie) of the given logins. Undone, the
 * sessions are valid again, as the change that ended them is undone too.
 */
export const endLoginSessionsStep = createStep(
  endLoginSessionsStepId,
  async (input: { auth_identity_ids: string[] }, { container }) => {
    const ended = await endLoginSessions(container, input.auth_identity_ids)
    return new StepResponse(void 0, ended)
  },
  async (ended, { container }) => {
    if (!ended) {
      return
    }
    await restoreLoginSessions(container, ended)
  }
)
