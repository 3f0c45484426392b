import {
  createWorkflow,
  transform,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import { acquireLockStep, releaseLockStep } from "@medusajs/medusa/core-flows"
import { applyCredentialIntentsStep } from "../shared/steps/apply-credential-intents"
import { checkActivationTokenStep } from "./steps/check-activation-token"
import { consumeActivationTokenStep } from "../shared/steps/consume-activation-token"
import { loadCredentialSettingsStep } from "../shared/steps/load-credential-settings"
import { recordCredentialEventsStep } from "../shared/steps/record-credential-event"
import { resolveLoginCustomerStep } from "./steps/resolve-login-customer"
import { setCustomerPasswordStep } from "./steps/set-customer-password"
import { syncEmailVerificationStep } from "../shared/steps/sync-email-verification"
import { validateNewPasswordStep } from "./steps/validate-new-password"
import { passwordLockKey } from "../shared/utils/password-lock-key"

export type ActivateCustomerWithPasswordWorkflowInput = {
  /** From the verified link token (a core password-reset token). */
  email: string
  jti: string
  password: string
}

export const activateCustomerWithPasswordWorkflowId =
  "activate-customer-with-password"

/**
 * Backoffice activation: with the link an admin sent, the customer chooses
 * their password and confirms their email in one step. The token is checked
 * once the password passed the policy, and spent by the last write: a crash
 * before it leaves the link working for the next click.
 */
export const activateCustomerWithPasswordWorkflow = createWorkflow(
  activateCustomerWithPasswordWorkflowId,
  (input: ActivateCustomerWithPasswordWorkflowInput) => {
    const settings = loadCredentialSettingsStep()
    validateNewPasswordStep(
      transform({ input, settings }, ({ input, settings }) => ({
        password: input.password,
        policy: settings.password_policy,
      }))
    )
    const customer = resolveLoginCustomerStep(input.email)
    const passwordLock = transform({ customer }, ({ customer }) =>
      passwordLockKey(customer.email)
    )
    acquireLockStep({ key: passwordLock, timeout: 15, ttl: 60 })
    // The link is checked here and spent last: a server killed in between
    // leaves it working, and the next click finishes the activation.
    checkActivationTokenStep({ email: input.email, jti: input.jti })

    setCustomerPasswordStep({ customer, password: input.password })
    syncEmailVerificationStep({ customer, confirmed: true })
    applyCredentialIntentsStep(
      transform({ customer }, ({ customer }) => ({
        intents: [
          {
            customer_id: customer.id,
            new_password: { temporary: false, expiration_minutes: 0 },
            email_confirmed: true,
          },
        ],
      }))
    )
    consumeActivationTokenStep({ email: input.email, jti: input.jti })
    releaseLockStep({ key: passwordLock })
    recordCredentialEventsStep(
      transform({ customer }, ({ customer }) => [
        {
          customer_id: customer.id,
          action: "activated" as const,
          actor: { type: "customer" as const, id: customer.id },
          metadata: { with_password: true },
        },
      ])
    )
    return new WorkflowResponse(
      transform({ customer }, ({ customer }) => ({
        customer_id: customer.id,
        email: customer.email,
      }))
    )
  }
)
