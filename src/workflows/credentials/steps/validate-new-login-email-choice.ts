import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { readLoginStatus } from "./read-login-status"

export const validateNewLoginEmailChoiceStepId =
  "validate-new-login-email-choice"

/**
 * "Email confirmed" in the admin's password entry is a choice for the login
 * the password creates; a customer who has a login keeps its switch (the
 * credentials route turns it on or off).
 */
export const validateNewLoginEmailChoiceStep = createStep(
  validateNewLoginEmailChoiceStepId,
  async (
    input: {
      customer: { id: string; email?: string | null }
      email_confirmed?: boolean
    },
    { container }
  ) => {
    if (input.email_confirmed === undefined) {
      return new StepResponse(void 0)
    }
    const login = await readLoginStatus(container, input.customer)
    if (login.is_registered) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        "This customer has a login already: email_confirmed only applies to a login this password creates. Use the Email confirmed switch instead."
      )
    }
    return new StepResponse(void 0)
  }
)
