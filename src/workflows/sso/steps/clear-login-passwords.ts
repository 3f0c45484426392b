import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import {
  clearLoginPasswords,
  restoreLoginPasswords,
  type LoginToClear,
} from "../../shared/utils/unproven-passwords"

export const clearLoginPasswordsStepId = "clear-login-passwords"

/**
 * Removes the passwords of logins whose password nobody proved, and ends
 * their sessions (`unproven-passwords.ts`). Compensation gives both back.
 */
export const clearLoginPasswordsStep = createStep(
  clearLoginPasswordsStepId,
  async (input: { logins: LoginToClear[] }, { container }) => {
    const cleared = await clearLoginPasswords(container, input.logins)
    return new StepResponse(void 0, cleared)
  },
  async (cleared, { container }) => {
    if (!cleared) {
      return
    }
    await restoreLoginPasswords(container, cleared)
  }
)
