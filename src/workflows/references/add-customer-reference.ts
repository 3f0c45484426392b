import {
  createWorkflow,
  transform,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import { useQueryGraphStep } from "@medusajs/medusa/core-flows"
import { createCustomerReferenceStep } from "./steps/create-customer-reference"
import { ensureReferenceLoginStep } from "./steps/ensure-reference-login"
import {
  CredentialActor,
  recordCredentialEventsStep,
} from "../shared/steps/record-credential-event"

export type AddCustomerReferenceWorkflowInput = {
  customer_id: string
  email: string
  display_name?: string | null
  internet_user?: boolean
  permissions?: Record<string, boolean> | null
  actor: CredentialActor
}

export const addCustomerReferenceWorkflowId = "add-customer-reference"

/**
 * B2B: a person (a login, by email) may act for this customer account. The
 * answer says whether the person has a password they know; without one they
 * choose it with "Forgot password" (`ensure-reference-login.ts`).
 */
export const addCustomerReferenceWorkflow = createWorkflow(
  addCustomerReferenceWorkflowId,
  (input: AddCustomerReferenceWorkflowInput) => {
    useQueryGraphStep({
      entity: "customer",
      fields: ["id"],
      filters: { id: input.customer_id },
      options: { throwIfKeyNotFound: true },
    })
    const login = ensureReferenceLoginStep({
      email: input.email,
      customer_id: input.customer_id,
    })
    const reference = createCustomerReferenceStep(
      transform({ input, login }, ({ input, login }) => ({
        auth_identity_id: login.auth_identity_id,
        customer_id: input.customer_id,
        email: input.email,
        display_name: input.display_name,
        internet_user: input.internet_user,
        permissions: input.permissions,
      }))
    )
    recordCredentialEventsStep(
      transform({ input, login }, ({ input, login }) => [
        {
          customer_id: input.customer_id,
          action: "reference_added" as const,
          actor: input.actor,
          metadata: {
            email: input.email,
            created_login: login.created_login,
            password_removed: login.password_removed,
          },
        },
      ])
    )
    return new WorkflowResponse(
      transform({ reference, login }, ({ reference, login }) => ({
        reference,
        login: {
          created: login.created_login,
          has_password: login.has_password,
          password_removed: login.password_removed,
        },
      }))
    )
  }
)
