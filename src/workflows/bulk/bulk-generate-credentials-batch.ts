import {
  createWorkflow,
  transform,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import {
  acquireLockStep,
  emitEventStep,
  releaseLockStep,
} from "@medusajs/medusa/core-flows"
import { credentialsGeneratedEmail } from "../../emails/credentials-generated"
import { CredentialsEvents } from "../../modules/credentials/events"
import { loadBulkCustomersStep } from "./steps/load-bulk-customers"
import { sendBulkCredentialEmailsStep } from "./steps/send-bulk-credential-emails"
import { setBulkPasswordsStep } from "./steps/set-bulk-passwords"
import { applyCredentialIntentsStep } from "../shared/steps/apply-credential-intents"
import { loadCredentialSettingsStep } from "../shared/steps/load-credential-settings"
import { voidPasswordResetTokensStep } from "../shared/steps/void-password-reset-tokens"
import { passwordLockKey } from "../shared/utils/password-lock-key"
import {
  CredentialActor,
  recordCredentialEventsStep,
} from "../shared/steps/record-credential-event"

export type BulkGenerateCredentialsBatchWorkflowInput = {
  job_id: string
  customer_ids: string[]
  actor: CredentialActor
}

export const bulkGenerateCredentialsBatchWorkflowId =
  "bulk-generate-credentials-batch"

/**
 * One batch of a bulk "generate and send credentials": for every customer,
 * what the single workflow does (a random temporary password hashed by
 * core's emailpass provider, login on, a customer number, the "Your login
 * details" email, an audit row). The scrypt derivations run side by side,
 * one per core; rows, audit and emails are written in bulk. A customer whose
 * password cannot be set is reported and left out; if the emails cannot be
 * sent, the batch's password changes are rolled back.
 */
export const bulkGenerateCredentialsBatchWorkflow = createWorkflow(
  bulkGenerateCredentialsBatchWorkflowId,
  (input: BulkGenerateCredentialsBatchWorkflowInput) => {
    const settings = loadCredentialSettingsStep()
    const loaded = loadBulkCustomersStep({ customer_ids: input.customer_ids })

    // Every change of a login's password runs under its lock: the batch
    // holds its customers' locks from the passwords to their rows.
    const passwordLocks = transform({ loaded }, ({ loaded }) =>
      loaded.customers.map((entry) => passwordLockKey(entry.customer.email))
    )
    acquireLockStep({ key: passwordLocks, timeout: 30, ttl: 120 })
    const { passwords, failures } = setBulkPasswordsStep(
      transform({ loaded, settings }, ({ loaded, settings }) => ({
        customers: loaded.customers,
        policy: settings.password_policy,
      }))
    )
    voidPasswordResetTokensStep(
      transform({ passwords }, ({ passwords }) => ({
        auth_identity_ids: passwords.map((entry) => entry.auth_identity_id),
      }))
    )
    const credentials = applyCredentialIntentsStep(
      transform({ passwords, settings }, ({ passwords, settings }) => ({
        intents: passwords.map((entry) => ({
          customer_id: entry.customer.id,
          new_password: {
            temporary: true,
            expiration_minutes: settings.password_ticket_expiration_minutes,
          },
          enable_login: true,
          assign_customer_number: true,
        })),
      }))
    )
    releaseLockStep({ key: passwordLocks })

    recordCredentialEventsStep(
      transform({ input, passwords }, ({ input, passwords }) =>
        passwords.map((entry) => ({
          customer_id: entry.customer.id,
          action: "credentials_generated" as const,
          actor: input.actor,
          metadata: {
            created_login: entry.created_login,
            bulk_job_id: input.job_id,
          },
        }))
      )
    )
    emitEventStep({
      eventName: CredentialsEvents.CREDENTIALS_GENERATED,
      data: transform({ passwords }, ({ passwords }) =>
        passwords.map((entry) => ({
          customer_id: entry.customer.id,
          auth_identity_id: entry.auth_identity_id,
        }))
      ),
    })

    sendBulkCredentialEmailsStep(
      transform(
        { input, passwords, credentials },
        ({ input, passwords, credentials }) => {
          const rowOf = new Map(
            credentials.map((row) => [row.customer_id, row])
          )
          return {
            job_id: input.job_id,
            template: "credentials_generated" as const,
            trigger: CredentialsEvents.CREDENTIALS_GENERATED,
            emails: passwords.map((entry) => {
              const row = rowOf.get(entry.customer.id)
              return {
                to: entry.customer.email,
                customer_id: entry.customer.id,
                email: credentialsGeneratedEmail(
                  entry.customer,
                  {
                    password: entry.password,
                    customer_number: row?.customer_number ?? null,
                  },
                  row?.temporary_password_expires_at
                    ? new Date(row.temporary_password_expires_at)
                    : null
                ),
              }
            }),
          }
        }
      )
    )

    return new WorkflowResponse(
      transform({ passwords, failures, loaded }, (data) => ({
        succeeded: data.passwords.map((entry) => entry.customer.id),
        failures: [...data.loaded.failures, ...data.failures],
      }))
    )
  }
)
