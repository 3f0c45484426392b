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
import { activationEmail } from "../../emails/activation"
import { fillLinkTemplate } from "../../emails/types"
import { CredentialsEvents } from "../../modules/credentials/events"
import { createBulkActivationTokensStep } from "./steps/create-bulk-activation-tokens"
import { createBulkLoginsStep } from "./steps/create-bulk-logins"
import { loadBulkCustomersStep } from "./steps/load-bulk-customers"
import { sendBulkCredentialEmailsStep } from "./steps/send-bulk-credential-emails"
import { applyCredentialIntentsStep } from "../shared/steps/apply-credential-intents"
import { loadCredentialSettingsStep } from "../shared/steps/load-credential-settings"
import { loadCredentialsOptionsStep } from "../shared/steps/load-credentials-options"
import { setActivationSignInStep } from "../shared/steps/set-activation-sign-in"
import { passwordLockKey } from "../shared/utils/password-lock-key"
import {
  CredentialActor,
  recordCredentialEventsStep,
} from "../shared/steps/record-credential-event"

export type BulkSendActivationBatchWorkflowInput = {
  job_id: string
  customer_ids: string[]
  actor: CredentialActor
  jwt: { secret: string; options?: Record<string, unknown> }
}

export const bulkSendActivationBatchWorkflowId = "bulk-send-activation-batch"

/**
 * One batch of a bulk "send activation email": the same outcome as the
 * single workflow for every customer of the batch (a login if they had none,
 * a customer number, a single-use activation link by email, an audit row),
 * in a few bulk queries and one notification call. The new logins have no
 * password until the customer sets one with the link, so the batch spends
 * no scrypt at all. Customers that cannot get a login are reported, not
 * written; anything else failing rolls the whole batch back.
 */
export const bulkSendActivationBatchWorkflow = createWorkflow(
  bulkSendActivationBatchWorkflowId,
  (input: BulkSendActivationBatchWorkflowInput) => {
    const options = loadCredentialsOptionsStep()
    const settings = loadCredentialSettingsStep()
    const { customers, failures } = loadBulkCustomersStep({
      customer_ids: input.customer_ids,
    })

    // Logins are made (and unproven passwords cleared) under each login's
    // password lock, as every change of a login's password.
    const passwordLocks = transform({ customers }, ({ customers }) =>
      customers.map((entry) => passwordLockKey(entry.customer.email))
    )
    acquireLockStep({ key: passwordLocks, timeout: 30, ttl: 120 })
    const logins = createBulkLoginsStep({ customers })
    const credentials = applyCredentialIntentsStep({
      intents: transform({ customers }, ({ customers }) =>
        customers.map((entry) => ({
          customer_id: entry.customer.id,
          assign_customer_number: true,
        }))
      ),
    })
    releaseLockStep({ key: passwordLocks })
    // A login the batch makes signs in as the store's setting says now.
    const signInWith = setActivationSignInStep(
      transform({ logins, settings }, ({ logins, settings }) => ({
        logins: logins.map((login) => ({
          customer_id: login.customer_id,
          created_login: login.created_login,
        })),
        sign_in_with: settings.backoffice_activation_sign_in,
      }))
    )
    const tokens = createBulkActivationTokensStep(
      transform({ customers, options, input }, (data) => ({
        emails: data.customers.map((entry) => entry.customer.email),
        ttl_hours: data.options.activation_ttl_hours,
        jwt: data.input.jwt,
      }))
    )

    recordCredentialEventsStep(
      transform({ input, logins }, ({ input, logins }) =>
        logins.map((login) => ({
          customer_id: login.customer_id,
          action: "activation_sent" as const,
          actor: input.actor,
          metadata: {
            created_login: login.created_login,
            bulk_job_id: input.job_id,
          },
        }))
      )
    )
    emitEventStep({
      eventName: CredentialsEvents.ACTIVATION_REQUESTED,
      data: transform({ logins }, ({ logins }) =>
        logins.map((login) => ({
          customer_id: login.customer_id,
          auth_identity_id: login.auth_identity_id,
        }))
      ),
    })

    sendBulkCredentialEmailsStep(
      transform(
        { input, customers, credentials, tokens, options, signInWith },
        ({ input, customers, credentials, tokens, options, signInWith }) => {
          const numberOf = new Map(
            credentials.map((row) => [row.customer_id, row.customer_number])
          )
          return {
            job_id: input.job_id,
            template: "activation" as const,
            trigger: CredentialsEvents.ACTIVATION_REQUESTED,
            emails: customers.map(({ customer }) => ({
              to: customer.email,
              customer_id: customer.id,
              email: activationEmail(
                customer,
                fillLinkTemplate(options.activation_url, {
                  storefront_url: options.storefront_url,
                  token: tokens[customer.email],
                  email: customer.email,
                }),
                numberOf.get(customer.id) ?? null,
                options.activation_ttl_hours,
                signInWith[customer.id]
              ),
            })),
          }
        }
      )
    )

    return new WorkflowResponse(
      transform({ customers, failures }, ({ customers, failures }) => ({
        succeeded: customers.map((entry) => entry.customer.id),
        failures,
      }))
    )
  }
)
