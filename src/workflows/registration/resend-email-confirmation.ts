import {
  createWorkflow,
  transform,
  when,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import { requestVerificationWorkflow } from "@medusajs/medusa/core-flows"
import { findPendingEmailConfirmationStep } from "./steps/find-pending-email-confirmation"
import {
  EMAIL_ENTITY_TYPE,
  TOKEN_CODE_PROVIDER,
} from "../shared/utils/email-verification"

export const resendEmailConfirmationWorkflowId = "resend-email-confirmation"

/**
 * A new confirmation link for an account that waits for one (core issues a
 * new code and voids the old). Does nothing, silently, for any other email:
 * the caller answers the same either way.
 */
export const resendEmailConfirmationWorkflow = createWorkflow(
  resendEmailConfirmationWorkflowId,
  (input: { email: string }) => {
    const pending = findPendingEmailConfirmationStep(input.email)
    when(
      "email-waits-for-confirmation",
      { pending },
      ({ pending }) => !!pending
    ).then(() => {
      requestVerificationWorkflow.runAsStep({
        input: transform({ input, pending }, ({ input, pending }) => ({
          auth_identity_id: pending!.auth_identity_id,
          entity_id: input.email,
          entity_type: EMAIL_ENTITY_TYPE,
          code_provider: TOKEN_CODE_PROVIDER,
          metadata: { purpose: "account_activation" },
        })),
      })
    })
    return new WorkflowResponse(void 0)
  }
)
