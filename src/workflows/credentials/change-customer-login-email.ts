import type { UpdateCustomersWorkflowInput } from "@medusajs/medusa/core-flows"
import {
  createWorkflow,
  transform,
  when,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import {
  acquireLockStep,
  releaseLockStep,
  updateCustomersWorkflow,
  useQueryGraphStep,
} from "@medusajs/medusa/core-flows"
import { endLoginSessionsStep } from "../shared/steps/end-login-sessions"
import {
  CredentialActor,
  recordCredentialEventsStep,
} from "../shared/steps/record-credential-event"
import { voidPasswordResetTokensStep } from "../shared/steps/void-password-reset-tokens"
import { passwordLockKey } from "../shared/utils/password-lock-key"
import { registrationLockKey } from "../shared/utils/registration-logins"
import { moveLoginEmailStep } from "./steps/move-login-email"
import { validateLoginEmailChangeStep } from "./steps/validate-login-email-change"

export type ChangeCustomerLoginEmailWorkflowInput = {
  customer_id: string
  /** Core's admin customer update, as its route validated it. */
  update: UpdateCustomersWorkflowInput["update"]
  additional_data?: UpdateCustomersWorkflowInput["additional_data"]
  actor: CredentialActor
}

export const changeCustomerLoginEmailWorkflowId = "change-customer-login-email"

/**
 * An admin's update of a customer (core's `updateCustomersWorkflow`) whose
 * new email the customer's own password login follows: the old address
 * signs in and recovers the account no more, the new one signs in with the
 * same password. The login's sessions end and its open reset links are
 * void, as they were issued for the old address.
 *
 * Validation comes first (an email another login uses: 409; removing the
 * email of a customer who signs in with it: 400), then core's update, then
 * the move: a failure of any later step undoes core's update too. A B2B
 * reference's person (another email) keeps their login. Runs under the new
 * email's registration lock (no registration takes it meanwhile) and the
 * login's password lock.
 */
export const changeCustomerLoginEmailWorkflow = createWorkflow(
  changeCustomerLoginEmailWorkflowId,
  (input: ChangeCustomerLoginEmailWorkflowInput) => {
    const { data: customers } = useQueryGraphStep({
      entity: "customer",
      fields: ["id", "email"],
      filters: { id: input.customer_id },
      options: { throwIfKeyNotFound: true },
    })
    const locks = transform({ input, customers }, ({ input, customers }) => {
      const current = (customers[0] as { email?: string | null })?.email
      const wanted = input.update.email
      return {
        registration: wanted ? [registrationLockKey(wanted)] : [],
        password: current ? [passwordLockKey(current)] : [],
      }
    })
    acquireLockStep({ key: locks.registration, timeout: 15, ttl: 60 }).config({
      name: "acquire-registration-lock",
    })
    acquireLockStep({ key: locks.password, timeout: 15, ttl: 60 }).config({
      name: "acquire-password-lock",
    })

    const move = validateLoginEmailChangeStep(
      transform({ input }, ({ input }) => ({
        customer_id: input.customer_id,
        email: input.update.email,
      }))
    )

    const updated = updateCustomersWorkflow.runAsStep({
      input: transform({ input }, ({ input }) => ({
        selector: { id: input.customer_id },
        update: input.update,
        additional_data: input.additional_data,
      })),
    })

    when("move-login-email", { move }, ({ move }) => !!move).then(() => {
      const login = transform({ move }, ({ move }) => move!)
      moveLoginEmailStep(
        transform({ login }, ({ login }) => ({
          provider_identity_id: login.provider_identity_id,
          from: login.from,
          to: login.to,
        }))
      )
      const ids = transform({ login }, ({ login }) => ({
        auth_identity_ids: [login.auth_identity_id],
      }))
      endLoginSessionsStep(ids)
      voidPasswordResetTokensStep(ids)
      recordCredentialEventsStep(
        transform({ input, login }, ({ input, login }) => [
          {
            customer_id: input.customer_id,
            action: "login_email_changed" as const,
            actor: input.actor,
            metadata: { previous_email: login.from, email: login.to },
          },
        ])
      )
    })

    releaseLockStep({ key: locks.password }).config({
      name: "release-password-lock",
    })
    releaseLockStep({ key: locks.registration }).config({
      name: "release-registration-lock",
    })

    return new WorkflowResponse(updated)
  }
)
