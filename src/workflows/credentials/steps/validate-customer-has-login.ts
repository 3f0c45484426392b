import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { findOwnEmailpassLogin } from "../../shared/utils/customer-login"

export const validateCustomerHasLoginStepId = "validate-customer-has-login"

/** A password reset needs a login to reset. */
export const validateCustomerHasLoginStep = createStep(
  validateCustomerHasLoginStepId,
  async (customer: { id: string; email: string }, { container }) => {
    const login = await findOwnEmailpassLogin(container, customer)
    if (!login) {
      throw new MedusaError(
        MedusaError.Types.NOT_FOUND,
        `Customer ${customer.id} has no login yet, so there is no password to reset. Use Generate and send credentials, or Send activation email, to give them one.`
      )
    }
    return new StepResponse(login)
  }
)
