import {
  createWorkflow,
  transform,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import {
  CredentialActor,
  recordCredentialEventsStep,
} from "./steps/record-credential-event"
import {
  CustomerReferenceChanges,
  updateCustomerReferenceStep,
} from "./steps/update-customer-reference"

export const updateCustomerReferenceWorkflowId = "update-customer-reference"

/** B2B: what a person may do for an account (internet user, rights, name). */
export const updateCustomerReferenceWorkflow = createWorkflow(
  updateCustomerReferenceWorkflowId,
  (input: {
    id: string
    customer_id: string
    changes: CustomerReferenceChanges
    actor: CredentialActor
  }) => {
    const reference = updateCustomerReferenceStep(input)
    recordCredentialEventsStep(
      transform({ input, reference }, ({ input, reference }) => [
        {
          customer_id: input.customer_id,
          action: "reference_updated" as const,
          actor: input.actor,
          metadata: { email: reference.email, changes: input.changes },
        },
      ])
    )
    return new WorkflowResponse(reference)
  }
)
