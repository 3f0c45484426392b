import {
  createWorkflow,
  transform,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import {
  acquireLockStep,
  emitEventStep,
  releaseLockStep,
  useQueryGraphStep,
} from "@medusajs/medusa/core-flows"
import { CredentialsEvents } from "../modules/credentials/events"
import { applyPasswordChangeStep } from "./steps/apply-password-change"
import { ensureCustomerCredentialStep } from "./steps/ensure-customer-credential"
import { loadCredentialSettingsStep } from "./steps/load-credential-settings"
import {
  CredentialActor,
  recordCredentialEventsStep,
} from "./steps/record-credential-event"
import { setCustomerPasswordStep } from "./steps/set-customer-password"
import { validateCustomerEmailStep } from "./steps/validate-customer-email"
import { validateManualPasswordEntryStep } from "./steps/validate-manual-password-entry"
import { validateNewPasswordStep } from "./steps/validate-new-password"
import { passwordLockKey } from "./utils/password-lock-key"

export type SetCustomerPasswordWorkflowInput = {
  customer_id: string
  password: string
  confirm_password: string
  /** Must the customer replace it at the next sign-in? */
  temporary?: boolean
  actor: CredentialActor
}

export const setCustomerPasswordWorkflowId = "set-customer-password"

/**
 * An admin enters a new password on the customer's behalf ("Allow Manual
 * Entry"). The password is temporary when asked, or whenever the store's
 * Password Ticket Expiration Delay is above 0; it then expires after that
 * many minutes and must be changed at the next sign-in.
 */
export const setCustomerPasswordWorkflow = createWorkflow(
  setCustomerPasswordWorkflowId,
  (input: SetCustomerPasswordWorkflowInput) => {
    const settings = loadCredentialSettingsStep()
    validateManualPasswordEntryStep(settings)

    const { data: customers } = useQueryGraphStep({
      entity: "customer",
      fields: ["id", "email", "has_account", "first_name", "last_name"],
      filters: { id: input.customer_id },
      options: { throwIfKeyNotFound: true },
    })
    const customer = validateCustomerEmailStep(
      transform({ customers }, ({ customers }) => customers[0])
    )
    const passwordLock = transform({ customer }, ({ customer }) =>
      passwordLockKey(customer.email)
    )
    acquireLockStep({ key: passwordLock, timeout: 15, ttl: 60 })

    validateNewPasswordStep(
      transform({ input, settings }, ({ input, settings }) => ({
        password: input.password,
        confirm_password: input.confirm_password,
        policy: settings.password_policy,
      }))
    )

    const current = ensureCustomerCredentialStep({
      customer_id: input.customer_id,
    })
    const login = setCustomerPasswordStep({
      customer,
      password: input.password,
    })

    const temporary = transform(
      { input, settings },
      ({ input, settings }) =>
        Boolean(input.temporary) ||
        settings.password_ticket_expiration_minutes > 0
    )
    const credential = applyPasswordChangeStep(
      transform(
        { current, temporary, settings },
        ({ current, temporary, settings }) => ({
          credential_id: current.id,
          temporary,
          expiration_minutes: settings.password_ticket_expiration_minutes,
        })
      )
    )

    recordCredentialEventsStep(
      transform({ input, temporary, login }, ({ input, temporary, login }) => [
        {
          customer_id: input.customer_id,
          action: "password_set" as const,
          actor: input.actor,
          metadata: { temporary, created_login: login.created_login },
        },
      ])
    )
    emitEventStep({
      eventName: CredentialsEvents.PASSWORD_CHANGED,
      data: transform({ input, login, temporary }, (data) => ({
        customer_id: data.input.customer_id,
        auth_identity_id: data.login.auth_identity_id,
        changed_by: "store",
        temporary: data.temporary,
      })),
    })

    releaseLockStep({ key: passwordLock })

    return new WorkflowResponse(
      transform({ customer, credential }, (data) => ({
        customer: data.customer,
        credential: data.credential,
      }))
    )
  }
)
