import {
  createWorkflow,
  transform,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import { useQueryGraphStep } from "@medusajs/medusa/core-flows"
import { ensureCustomerCredentialStep } from "../shared/steps/ensure-customer-credential"
import {
  CredentialActor,
  recordCredentialEventsStep,
} from "../shared/steps/record-credential-event"
import { updateCustomerCredentialStep } from "../shared/steps/update-customer-credential"

export const unlockCustomerLoginWorkflowId = "unlock-customer-login"

/** The admin lifts a sign-in lock before it runs out. */
export const unlockCustomerLoginWorkflow = createWorkflow(
  unlockCustomerLoginWorkflowId,
  (input: { customer_id: string; actor: CredentialActor }) => {
    useQueryGraphStep({
      entity: "customer",
      fields: ["id"],
      filters: { id: input.customer_id },
      options: { throwIfKeyNotFound: true },
    })
    const credential = ensureCustomerCredentialStep({
      customer_id: input.customer_id,
    })
    updateCustomerCredentialStep({
      id: credential.id,
      changes: {
        failed_login_count: 0,
        last_failed_login_at: null,
        locked_until: null,
      },
    })
    recordCredentialEventsStep(
      transform({ input }, ({ input }) => [
        {
          customer_id: input.customer_id,
          action: "unlocked" as const,
          actor: input.actor,
        },
      ])
    )
    return new WorkflowResponse(void 0)
  }
)
