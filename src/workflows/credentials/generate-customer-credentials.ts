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
import { credentialsGeneratedEmail } from "../../emails/credentials-generated"
import { CredentialsEvents } from "../../modules/credentials/events"
import { applyCredentialIntentsStep } from "../shared/steps/apply-credential-intents"
import { voidPasswordResetTokensStep } from "../shared/steps/void-password-reset-tokens"
import { ensureCustomerCredentialStep } from "../shared/steps/ensure-customer-credential"
import { generatePasswordStep } from "./steps/generate-password"
import { loadCredentialSettingsStep } from "../shared/steps/load-credential-settings"
import {
  CredentialActor,
  recordCredentialEventsStep,
} from "../shared/steps/record-credential-event"
import { sendCredentialEmailStep } from "./steps/send-credential-email"
import { setCustomerPasswordStep } from "./steps/set-customer-password"
import { resolveReferenceLoginStep } from "./steps/resolve-reference-login"
import { validateCustomerEmailStep } from "../shared/steps/validate-customer-email"
import { passwordLockKey } from "../shared/utils/password-lock-key"
import { credentialActionEvents } from "./utils/reference-credential-events"

export type GenerateCustomerCredentialsWorkflowInput = {
  customer_id: string
  actor: CredentialActor
  /** Run for a customer of a bulk job (its batch failed): the job, in the audit row. */
  bulk_job_id?: string
  /**
   * B2B: generate the password of this reference's login (a person acting
   * for the customer account) instead of the customer's own; the email goes
   * to the person. The account's own switches and customer number stay.
   */
  reference_id?: string
}

export const generateCustomerCredentialsWorkflowId =
  "generate-customer-credentials"

/**
 * "Generate and send credentials": a random password that meets the policy
 * becomes the customer's temporary password (creating their login when they
 * have none), login is enabled, and the customer is emailed their login.
 * The password exists only in this workflow and in that email: if the email
 * cannot be sent, the password change is rolled back.
 */
export const generateCustomerCredentialsWorkflow = createWorkflow(
  generateCustomerCredentialsWorkflowId,
  (input: GenerateCustomerCredentialsWorkflowInput) => {
    const settings = loadCredentialSettingsStep()
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
    const passwordLock = transform({ customer }, ({ customer }) =>
      passwordLockKey(customer.email)
    )
    acquireLockStep({ key: passwordLock, timeout: 15, ttl: 60 })

    const password = generatePasswordStep(
      transform({ settings }, ({ settings }) => settings.password_policy)
    )
    // The row that keeps the login's sign-in state (a reference's login:
    // its own customer's).
    const current = ensureCustomerCredentialStep(
      transform({ customer }, ({ customer }) => ({ customer_id: customer.id }))
    )
    const login = setCustomerPasswordStep({ customer, password })
    voidPasswordResetTokensStep(
      transform({ login }, ({ login }) => ({
        auth_identity_ids: [login.auth_identity_id],
      }))
    )
    const credentials = applyCredentialIntentsStep(
      transform(
        { current, settings, login, reference },
        ({ current, settings, login, reference }) => ({
          intents: [
            {
              customer_id: current.customer_id,
              new_password: {
                temporary: true,
                expiration_minutes: settings.password_ticket_expiration_minutes,
              },
              // A reference's login: the row is an account's; its switch and
              // customer number are the account's to keep.
              enable_login: !reference,
              assign_customer_number: !reference,
              // A login this creates counts as confirmed: its only password
              // reaches the customer in the email below (nobody else ever
              // sees it), so signing in with it proves the mailbox. An
              // existing login keeps its "Email confirmed" switch.
              ...(login.created_login ? { email_confirmed: true } : {}),
            },
          ],
        })
      )
    )
    const credential = transform(
      { credentials },
      ({ credentials }) => credentials[0]
    )

    recordCredentialEventsStep(
      transform({ input, login, reference }, ({ input, login, reference }) =>
        credentialActionEvents({
          customer_id: input.customer_id,
          action: "credentials_generated",
          actor: input.actor,
          reference,
          metadata: {
            created_login: login.created_login,
            ...(input.bulk_job_id ? { bulk_job_id: input.bulk_job_id } : {}),
          },
        })
      )
    )
    emitEventStep({
      eventName: CredentialsEvents.CREDENTIALS_GENERATED,
      data: transform({ input, login }, (data) => ({
        customer_id: data.input.customer_id,
        auth_identity_id: data.login.auth_identity_id,
      })),
    })

    sendCredentialEmailStep(
      transform(
        { customer, credential, password, reference },
        ({ customer, credential, password, reference }) => ({
          to: customer.email,
          template: "credentials_generated" as const,
          trigger: CredentialsEvents.CREDENTIALS_GENERATED,
          customer_id: customer.id,
          email: credentialsGeneratedEmail(
            customer,
            {
              password,
              // An account's number signs in as the account's own login.
              customer_number: reference ? null : credential.customer_number,
            },
            credential.temporary_password_expires_at
              ? new Date(credential.temporary_password_expires_at)
              : null
          ),
        })
      )
    )

    releaseLockStep({ key: passwordLock })

    return new WorkflowResponse(
      transform({ customer, credential }, (data) => ({
        customer: data.customer,
        credential: data.credential,
      }))
    )
  }
)
