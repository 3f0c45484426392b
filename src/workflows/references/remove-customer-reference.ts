import {
  createWorkflow,
  transform,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import { deleteOrphanLoginStep } from "./steps/delete-orphan-login"
import { endLoginSessionsStep } from "../shared/steps/end-login-sessions"
import {
  CredentialActor,
  recordCredentialEventsStep,
} from "../shared/steps/record-credential-event"
import { removeCustomerReferenceStep } from "./steps/remove-customer-reference"

export const removeCustomerReferenceWorkflowId = "remove-customer-reference"

/**
 * B2B: a person no longer acts for an account; their login survives while it
 * has others, and its sessions end.
 */
export const removeCustomerReferenceWorkflow = createWorkflow(
  removeCustomerReferenceWorkflowId,
  (input: { id: string; customer_id: string; actor: CredentialActor }) => {
    const removed = removeCustomerReferenceStep(input)
    recordCredentialEventsStep(
      transform({ input, removed }, ({ input, removed }) => [
        {
          customer_id: input.customer_id,
          action: "reference_removed" as const,
          actor: input.actor,
          metadata: {
            email: removed.email,
            login_deleted: !!removed.delete_login,
          },
        },
      ])
    )
    // Every session of the login ends: tokens acting for this account must
    // not come back if the person is added again.
    endLoginSessionsStep({
      auth_identity_ids: transform({ removed }, ({ removed }) => [
        removed.auth_identity_id,
      ]),
    })
    deleteOrphanLoginStep(
      transform({ removed }, ({ removed }) => removed.delete_login)
    )
    return new WorkflowResponse(void 0)
  }
)
