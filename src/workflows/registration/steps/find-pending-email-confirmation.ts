import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { CREDENTIALS_MODULE } from "../../../modules/credentials"
import type CredentialsModuleService from "../../../modules/credentials/service"
import { findEmailpassLogin } from "../../shared/utils/customer-login"
import { findEmailVerification } from "../../shared/utils/email-verification"

export const findPendingEmailConfirmationStepId =
  "find-pending-email-confirmation"

/**
 * The login whose email still waits for confirmation, or null: core's
 * verification record waits for its link, or there is none and the
 * plugin's "Email confirmed" is off (an admin's switch or an admin-made
 * login): the sign-in gate refuses both (login-gates.ts).
 */
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
    if (verification?.verified_at) {
      return new StepResponse<{ auth_identity_id: string } | null>(null)
    }
    if (!verification) {
      const [credential] = await container
        .resolve<CredentialsModuleService>(CREDENTIALS_MODULE)
        .listCustomerCredentials(
          { customer_id: login.customer_id },
          { take: 1, select: ["email_confirmed"] }
        )
      if (!credential || credential.email_confirmed) {
        return new StepResponse<{ auth_identity_id: string } | null>(null)
      }
    }
    return new StepResponse<{ auth_identity_id: string } | null>({
      auth_identity_id: login.auth_identity_id,
    })
  }
)
