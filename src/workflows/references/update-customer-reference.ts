import {
  createWorkflow,
  transform,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import { endLoginSessionsStep } from "../shared/steps/end-login-sessions"
import {
  CredentialActor,
  recordCredentialEventsStep,
} from "../shared/steps/record-credential-event"
import {
  CustomerReferenceChanges,
  updateCustomerReferenceStep,
} from "./steps/update-customer-reference"

export const updateCustomerReferenceWorkflowId = "update-customer-reference"

/**
 * B2B: what a person may do for an account (internet user, rights, name).
 * Turning internet user off ends the login's sessions.
 */
export const updateCustomerReferenceWorkflow = createWorkflow(
  updateCustomerReferenceWorkflowId,
  (input: {
    id: string
    customer_id: string
    changes: CustomerReferenceChanges
    actor: CredentialActor
  }) => {
    const { reference, access_revoked } = updateCustomerReferenceStep(input)
    // Off for this account: every session of the login ends (turning it on
    // again revives none), as when sign-in is turned off.
    endLoginSessionsStep({
      auth_identity_ids: transform(
        { reference, access_revoked },
        ({ reference, access_revoked }) =>
          access_revoked ? [reference.auth_identity_id] : []
      ),
    })
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
