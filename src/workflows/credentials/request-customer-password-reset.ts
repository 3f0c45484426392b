import {
  createWorkflow,
  transform,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import {
  acquireLockStep,
  generateResetPasswordTokenWorkflow,
  releaseLockStep,
  useQueryGraphStep,
} from "@medusajs/medusa/core-flows"
import {
  CredentialActor,
  recordCredentialEventsStep,
} from "../shared/steps/record-credential-event"
import { resolveReferenceLoginStep } from "./steps/resolve-reference-login"
import { validateCustomerEmailStep } from "../shared/steps/validate-customer-email"
import { validateCustomerHasLoginStep } from "./steps/validate-customer-has-login"
import { EMAILPASS_PROVIDER } from "../shared/utils/customer-login"
import { credentialActionEvents } from "./utils/reference-credential-events"
import { resetTokenLockKey } from "../shared/utils/reset-token-lock-key"

export type RequestCustomerPasswordResetWorkflowInput = {
  customer_id: string
  actor: CredentialActor
  /** projectConfig.http: core signs reset tokens with the store's JWT secret. */
  jwt: { secret: string; options?: Record<string, unknown> }
  /** B2B: email the reset link to this reference's login (a person acting for the account). */
  reference_id?: string
}

export const requestCustomerPasswordResetWorkflowId =
  "request-customer-password-reset"

/**
 * The admin's "Reset password": core's reset-token workflow issues a
 * single-use token (and voids the customer's earlier ones); the plugin's
 * subscriber on `auth.password_reset` emails the link. The token itself is
 * never returned to the admin.
 */
export const requestCustomerPasswordResetWorkflow = createWorkflow(
  requestCustomerPasswordResetWorkflowId,
  (input: RequestCustomerPasswordResetWorkflowInput) => {
    const { data: customers } = useQueryGraphStep({
      entity: "customer",
      fields: ["id", "email", "has_account", "first_name", "last_name"],
      filters: { id: input.customer_id },
      options: { throwIfKeyNotFound: true },
    })
    const reference = resolveReferenceLoginStep({
      customer_id: input.customer_id,
      reference_id: input.reference_id,
    })
    const customer = validateCustomerEmailStep(
      transform(
        { customers, reference },
        ({ customers, reference }) => reference?.customer ?? customers[0]
      )
    )
    validateCustomerHasLoginStep(customer)

    const lockKey = transform({ customer }, ({ customer }) =>
      resetTokenLockKey(customer.email)
    )
    acquireLockStep({ key: lockKey, timeout: 15, ttl: 30 })
    generateResetPasswordTokenWorkflow.runAsStep({
      input: transform({ input, customer }, ({ input, customer }) => ({
        entityId: customer.email,
        actorType: "customer",
        provider: EMAILPASS_PROVIDER,
        secret: input.jwt.secret,
        jwtOptions: input.jwt.options,
        metadata: { requested_by: "admin" },
      })),
    })
    releaseLockStep({ key: lockKey })

    recordCredentialEventsStep(
      transform({ input, reference }, ({ input, reference }) =>
        credentialActionEvents({
          customer_id: input.customer_id,
          action: "password_reset_requested",
          actor: input.actor,
          reference,
        })
      )
    )

    return new WorkflowResponse(void 0)
  }
)
