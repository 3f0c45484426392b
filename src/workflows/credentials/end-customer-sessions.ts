import {
  createWorkflow,
  transform,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import { useQueryGraphStep } from "@medusajs/medusa/core-flows"
import { endLoginSessionsStep } from "../shared/steps/end-login-sessions"
import { findCustomerLoginsStep } from "./steps/find-customer-logins"
import {
  CredentialActor,
  recordCredentialEventsStep,
} from "../shared/steps/record-credential-event"

export type EndCustomerSessionsWorkflowInput = {
  customer_id: string
  actor: CredentialActor
  /**
   * The customer's own "sign out everywhere": the login they are signed in
   * with. An admin's ends every login of the account.
   */
  auth_identity_id?: string
}

export const endCustomerSessionsWorkflowId = "end-customer-sessions"

/**
 * "Sign out everywhere": every token and cookie session open for the
 * account stops working at once, on every server; signing in again works.
 */
export const endCustomerSessionsWorkflow = createWorkflow(
  endCustomerSessionsWorkflowId,
  (input: EndCustomerSessionsWorkflowInput) => {
    useQueryGraphStep({
      entity: "customer",
      fields: ["id"],
      filters: { id: input.customer_id },
      options: { throwIfKeyNotFound: true },
    })
    const logins = findCustomerLoginsStep({ customer_id: input.customer_id })
    endLoginSessionsStep(
      transform({ input, logins }, ({ input, logins }) => ({
        auth_identity_ids: input.auth_identity_id
          ? [input.auth_identity_id]
          : logins,
      }))
    )
    recordCredentialEventsStep(
      transform({ input }, ({ input }) => [
        {
          customer_id: input.customer_id,
          action: "sessions_ended" as const,
          actor: input.actor,
        },
      ])
    )
    return new WorkflowResponse(void 0)
  }
)
