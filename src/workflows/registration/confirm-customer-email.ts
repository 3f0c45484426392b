import {
  createWorkflow,
  transform,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import { confirmCustomerEmailStep } from "./steps/confirm-customer-email"
import { applyCredentialChangeStep } from "./steps/apply-credential-change"

export const confirmCustomerEmailWorkflowId = "confirm-customer-email"

/**
 * Activation after self-registration: the link's one-time code confirms the
 * email through core's verification (single use, expiring), and the account
 * can sign in from then on.
 */
export const confirmCustomerEmailWorkflow = createWorkflow(
  confirmCustomerEmailWorkflowId,
  (input: { code: string; auth_identity_id?: string | null }) => {
    const confirmed = confirmCustomerEmailStep(input)
    applyCredentialChangeStep(
      transform({ confirmed }, ({ confirmed }) => ({
        customer_id: confirmed.customer_id,
        changes: { email_confirmed: true },
        event: {
          action: "activated" as const,
          actor: { type: "customer" as const, id: confirmed.customer_id },
          metadata: { with_password: false },
        },
      }))
    )
    return new WorkflowResponse(confirmed)
  }
)
