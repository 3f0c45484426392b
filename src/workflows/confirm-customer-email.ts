import {
  createWorkflow,
  transform,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import { confirmCustomerEmailStep } from "./steps/confirm-customer-email"
import { ensureCustomerCredentialStep } from "./steps/ensure-customer-credential"
import { recordCredentialEventsStep } from "./steps/record-credential-event"
import { updateCustomerCredentialStep } from "./steps/update-customer-credential"

export const confirmCustomerEmailWorkflowId = "confirm-customer-email"

/**
 * Activation after self-registration: the link's one-time code confirms the
 * email through core's verification (single use, expiring), and the account
 * can sign in from then on.
 */
export const confirmCustomerEmailWorkflow = createWorkflow(
  confirmCustomerEmailWorkflowId,
  (input: { code: string }) => {
    const confirmed = confirmCustomerEmailStep(input.code)
    const credential = ensureCustomerCredentialStep({
      customer_id: confirmed.customer_id,
    })
    updateCustomerCredentialStep({
      id: credential.id,
      changes: { email_confirmed: true },
    })
    recordCredentialEventsStep(
      transform({ confirmed }, ({ confirmed }) => [
        {
          customer_id: confirmed.customer_id,
          action: "activated" as const,
          actor: { type: "customer" as const, id: confirmed.customer_id },
          metadata: { with_password: false },
        },
      ])
    )
    return new WorkflowResponse(confirmed)
  }
)
