import {
  createWorkflow,
  transform,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import { useQueryGraphStep } from "@medusajs/medusa/core-flows"
import { ensureCustomerCredentialStep } from "./steps/ensure-customer-credential"
import {
  CredentialActor,
  recordCredentialEventsStep,
  RecordCredentialEventInput,
} from "./steps/record-credential-event"
import { updateCustomerCredentialStep } from "./steps/update-customer-credential"

export type UpdateCustomerCredentialsWorkflowInput = {
  customer_id: string
  login_enabled?: boolean
  email_confirmed?: boolean
  actor: CredentialActor
}

export const updateCustomerCredentialsWorkflowId = "update-customer-credentials"

/**
 * The admin's switches on a customer's login: "Enable login" and "Email
 * confirmed". Each change that really changes something is audited.
 */
export const updateCustomerCredentialsWorkflow = createWorkflow(
  updateCustomerCredentialsWorkflowId,
  (input: UpdateCustomerCredentialsWorkflowInput) => {
    const { data: customers } = useQueryGraphStep({
      entity: "customer",
      fields: ["id", "email", "has_account"],
      filters: { id: input.customer_id },
      options: { throwIfKeyNotFound: true },
    })

    const current = ensureCustomerCredentialStep({
      customer_id: input.customer_id,
    })

    const changes = transform({ input }, ({ input }) => {
      const changes: { login_enabled?: boolean; email_confirmed?: boolean } = {}
      if (input.login_enabled !== undefined) {
        changes.login_enabled = input.login_enabled
      }
      if (input.email_confirmed !== undefined) {
        changes.email_confirmed = input.email_confirmed
      }
      return changes
    })

    const credential = updateCustomerCredentialStep({
      id: current.id,
      changes,
    })

    const events = transform(
      { input, current },
      ({ input, current }): RecordCredentialEventInput[] => {
        const events: RecordCredentialEventInput[] = []
        const base = { customer_id: input.customer_id, actor: input.actor }
        if (
          input.login_enabled !== undefined &&
          input.login_enabled !== current.login_enabled
        ) {
          events.push({
            ...base,
            action: input.login_enabled ? "login_enabled" : "login_disabled",
          })
        }
        if (
          input.email_confirmed !== undefined &&
          input.email_confirmed !== current.email_confirmed
        ) {
          events.push({
            ...base,
            action: input.email_confirmed
              ? "email_confirmed"
              : "email_unconfirmed",
          })
        }
        return events
      }
    )
    recordCredentialEventsStep(events)

    const result = transform({ customers, credential }, (data) => ({
      customer: data.customers[0],
      credential: data.credential,
    }))
    return new WorkflowResponse(result)
  }
)
