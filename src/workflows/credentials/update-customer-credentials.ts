import {
  createWorkflow,
  transform,
  when,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import {
  acquireLockStep,
  releaseLockStep,
  requestVerificationWorkflow,
  useQueryGraphStep,
} from "@medusajs/medusa/core-flows"
import { endLoginSessionsStep } from "../shared/steps/end-login-sessions"
import { ensureCustomerCredentialStep } from "../shared/steps/ensure-customer-credential"
import { findCustomerLoginsStep } from "./steps/find-customer-logins"
import { readLoginStatusStep } from "./steps/read-login-status"
import {
  CredentialActor,
  recordCredentialEventsStep,
  RecordCredentialEventInput,
} from "../shared/steps/record-credential-event"
import { syncEmailVerificationStep } from "../shared/steps/sync-email-verification"
import { updateCustomerCredentialStep } from "../shared/steps/update-customer-credential"
import {
  EMAIL_ENTITY_TYPE,
  TOKEN_CODE_PROVIDER,
} from "../shared/utils/email-verification"

export type UpdateCustomerCredentialsWorkflowInput = {
  customer_id: string
  login_enabled?: boolean
  email_confirmed?: boolean
  /**
   * With `email_confirmed: false`: email the customer's login the
   * confirmation link (core's verification request, the same link as a
   * registration's), when this turns the switch off.
   */
  send_confirmation_link?: boolean
  actor: CredentialActor
}

export const updateCustomerCredentialsWorkflowId = "update-customer-credentials"

/**
 * The admin's switches on a customer's login: "Enable login" and "Email
 * confirmed". Email confirmation is written to core's verification record as
 * well, so the switch and the storefront's confirmation link agree. Either
 * switch turned off closes sign-in (login-gates.ts) and ends the login's
 * sessions; "Email confirmed" turned off may send the confirmation link,
 * once: only a change sends it (a repeated request finds the switch off
 * already), under a lock on the customer. Each change that really changes
 * something is audited.
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
    const lockKey = transform(
      { input },
      ({ input }) => `customer-credentials:switches:${input.customer_id}`
    )
    acquireLockStep({ key: lockKey, timeout: 15, ttl: 30 })

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

    const unconfirms = transform(
      { input, current, login },
      ({ input, current, login }) =>
        input.email_confirmed === false &&
        (current.email_confirmed || login.email_verified === true)
    )

    // Turned off: the sessions end, so turning it on again revives none
    // (a token is refreshed through the same gates as a sign-in).
    when(
      "end-sessions-of-disabled-login",
      { input, unconfirms },
      ({ input, unconfirms }) => input.login_enabled === false || unconfirms
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

    // The customer's way back in: the confirmation link, sent only when
    // this request turned the switch off (idempotent).
    const linkSent = transform(
      { input, unconfirms, login },
      ({ input, unconfirms, login }) =>
        Boolean(input.send_confirmation_link) &&
        unconfirms &&
        !!login.auth_identity_id
    )
    when(
      "send-email-confirmation-link",
      { linkSent },
      ({ linkSent }) => linkSent
    ).then(() => {
      requestVerificationWorkflow.runAsStep({
        input: transform({ login, customer }, ({ login, customer }) => ({
          auth_identity_id: login.auth_identity_id!,
          entity_id: customer.email!,
          entity_type: EMAIL_ENTITY_TYPE,
          code_provider: TOKEN_CODE_PROVIDER,
          metadata: { purpose: "account_activation" },
        })),
      })
    })

    const events = transform(
      { input, current, login, linkSent },
      ({ input, current, login, linkSent }): RecordCredentialEventInput[] => {
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
        const wasConfirmed =
          current.email_confirmed || login.email_verified === true
        if (
          input.email_confirmed !== undefined &&
          input.email_confirmed !== wasConfirmed
        ) {
          events.push({
            ...base,
            action: input.email_confirmed
              ? "email_confirmed"
              : "email_unconfirmed",
            ...(input.email_confirmed
              ? {}
              : { metadata: { link_sent: linkSent } }),
          })
        }
        return events
      }
    )
    recordCredentialEventsStep(events)
    releaseLockStep({ key: lockKey })

    return new WorkflowResponse(
      transform({ linkSent }, ({ linkSent }) => ({
        confirmation_link_sent: linkSent,
      }))
    )
  }
)
