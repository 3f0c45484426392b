import {
  createWorkflow,
  transform,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import { emitEventStep } from "@medusajs/medusa/core-flows"
import { CredentialsEvents } from "../../modules/credentials/events"
import { applyCredentialIntentsStep } from "../shared/steps/apply-credential-intents"
import { endLoginSessionsStep } from "../shared/steps/end-login-sessions"
import { recordCredentialEventsStep } from "../shared/steps/record-credential-event"
import { resolveLoginCustomerStep } from "./steps/resolve-login-customer"
import { syncEmailVerificationStep } from "../shared/steps/sync-email-verification"

export const recordPasswordResetWorkflowId = "record-password-reset"

/**
 * After core's `POST /auth/customer/emailpass/update` set a new password with
 * a reset token: the password is the customer's own now (no longer
 * temporary, no lock), the change is audited, and "password changed" is
 * emailed.
 */
export const recordPasswordResetWorkflow = createWorkflow(
  recordPasswordResetWorkflowId,
  (input: { email: string }) => {
    const customer = resolveLoginCustomerStep(input.email)
    // The reset password ends every session the old one opened.
    endLoginSessionsStep(
      transform({ customer }, ({ customer }) => ({
        auth_identity_ids: [customer.auth_identity_id],
      }))
    )
    applyCredentialIntentsStep(
      transform({ customer }, ({ customer }) => ({
        intents: [
          {
            customer_id: customer.id,
            new_password: { temporary: false, expiration_minutes: 0 },
          },
        ],
      }))
    )
    // The reset link went to the login's email: whoever used it owns the
    // address, and the password they chose is a proven one (core's
    // verification record of the login; see unproven-passwords.ts).
    syncEmailVerificationStep({ customer, confirmed: true })
    recordCredentialEventsStep(
      transform({ customer }, ({ customer }) => [
        {
          customer_id: customer.id,
          action: "password_reset" as const,
          actor: { type: "customer" as const, id: customer.id },
        },
      ])
    )
    emitEventStep({
      eventName: CredentialsEvents.PASSWORD_CHANGED,
      data: transform({ input, customer }, ({ input, customer }) => ({
        customer_id: customer.id,
        login_email: input.email,
        changed_by: "customer",
        temporary: false,
      })),
    })
    return new WorkflowResponse(void 0)
  }
)
