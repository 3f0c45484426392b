import {
  createWorkflow,
  transform,
  when,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import { useQueryGraphStep } from "@medusajs/medusa/core-flows"
import { endLoginSessionsStep } from "./steps/end-login-sessions"
import { ensureCustomerCredentialStep } from "./steps/ensure-customer-credential"
import { findCustomerLoginsStep } from "./steps/find-customer-logins"
import { readLoginStatusStep } from "./steps/read-login-status"
import {
  CredentialActor,
  recordCredentialEventsStep,
  RecordCredentialEventInput,
} from "./steps/record-credential-event"
import { syncEmailVerificationStep } from "./steps/sync-email-verification"
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
 * confirmed". Email confirmation is written to core's verification record as
 * well, so the switch and the storefront's confirmation link agree. Each
 * change that really changes something is audited.
 */
export const updateCustomerCredentialsWorkflow = createWorkflow(
  updateCustomerCredentialsWorkflowId,
  (input: UpdateCustomerCredentialsWorkflowInput) => {
    const { data: customers } = useQueryGraphStep({
      entity: "customer",
      fields: ["id", "email"],
      filters: { id: input.customer_id },
      options: { throwIfKeyNotFound: true },
    })
    const customer = transform({ customers }, ({ customers }) => customers[0])

    const current = ensureCustomerCredentialStep({
      customer_id: input.customer_id,
    })
    const login = readLoginStatusStep(customer)

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
    updateCustomerCredentialStep({ id: current.id, changes })

    // Turned off: the sessions end, so turning it on again revives none.
    when(
      "end-sessions-of-disabled-login",
      { input },
      ({ input }) => input.login_enabled === false
    ).then(() => {
      const logins = findCustomerLoginsStep({ customer_id: input.customer_id })
      endLoginSessionsStep(
        transform({ logins }, ({ logins }) => ({ auth_identity_ids: logins }))
      )
    })

    when(
      "sync-email-confirmation",
      { input },
      ({ input }) => input.email_confirmed !== undefined
    ).then(() => {
      syncEmailVerificationStep(
        transform({ input, customer }, ({ input, customer }) => ({
          customer,
          confirmed: input.email_confirmed!,
        }))
      )
    })

    const events = transform(
      { input, current, login },
      ({ input, current, login }): RecordCredentialEventInput[] => {
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
        const wasConfirmed = login.email_verified ?? current.email_confirmed
        if (
          input.email_confirmed !== undefined &&
          input.email_confirmed !== wasConfirmed
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

    return new WorkflowResponse(void 0)
  }
)
