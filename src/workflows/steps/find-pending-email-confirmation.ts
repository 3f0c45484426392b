import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { findEmailpassLogin } from "../utils/customer-login"
import { findEmailVerification } from "../utils/email-verification"

export const findPendingEmailConfirmationStepId =
  "find-pending-email-confirmation"

/** The login whose email still waits for confirmation, or null. */
export const findPendingEmailConfirmationStep = createStep(
  findPendingEmailConfirmationStepId,
  async (email: string, { container }) => {
    const login = await findEmailpassLogin(container, email)
    if (!login?.customer_id) {
      return new StepResponse<{ auth_identity_id: string } | null>(null)
    }
    const verification = await findEmailVerification(
      container,
      login.auth_identity_id,
      email
    )
    if (!verification || verification.verified_at) {
      return new StepResponse<{ auth_identity_id: string } | null>(null)
    }
    return new StepResponse<{ auth_identity_id: string } | null>({
      auth_identity_id: login.auth_identity_id,
    })
  }
)
