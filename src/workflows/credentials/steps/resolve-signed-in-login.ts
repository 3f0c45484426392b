import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { findLoginEmail } from "../../shared/utils/customer-login"
import type { CustomerForLogin } from "../../shared/steps/validate-customer-email"

export const resolveSignedInLoginStepId = "resolve-signed-in-login"

/**
 * The login a signed-in person used, acting for the given account: its own
 * email (a B2B login's email differs from the company's).
 */
export const resolveSignedInLoginStep = createStep(
  resolveSignedInLoginStepId,
  async (
    input: { auth_identity_id: string; customer_id: string },
    { container }
  ) => {
    const email = await findLoginEmail(container, input.auth_identity_id)
    if (!email) {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        "This sign-in has no password to change (it signs in through SSO)."
      )
    }
    return new StepResponse<CustomerForLogin>({
      id: input.customer_id,
      email,
      has_account: true,
      first_name: null,
      last_name: null,
    })
  }
)
