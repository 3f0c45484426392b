import { generateJwtToken } from "@medusajs/framework/utils"
import {
  createWorkflow,
  transform,
  when,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import {
  acquireLockStep,
  emitEventStep,
  releaseLockStep,
  useQueryGraphStep,
} from "@medusajs/medusa/core-flows"
import { createActivationTokenStep } from "./steps/create-activation-token"
import { passwordLockKey } from "../shared/utils/password-lock-key"
import { activationEmail } from "../../emails/activation"
import { fillLinkTemplate } from "../../emails/types"
import { CredentialsEvents } from "../../modules/credentials/events"
import { assignCustomerNumberStep } from "./steps/assign-customer-number"
import { ensureCustomerCredentialStep } from "../shared/steps/ensure-customer-credential"
import { generatePasswordStep } from "./steps/generate-password"
import { loadCredentialSettingsStep } from "../shared/steps/load-credential-settings"
import { loadCredentialsOptionsStep } from "../shared/steps/load-credentials-options"
import {
  CredentialActor,
  recordCredentialEventsStep,
} from "../shared/steps/record-credential-event"
import { sendCredentialEmailStep } from "./steps/send-credential-email"
import { setActivationSignInStep } from "../shared/steps/set-activation-sign-in"
import { setCustomerPasswordStep } from "./steps/set-customer-password"
import { resolveReferenceLoginStep } from "./steps/resolve-reference-login"
import { validateCustomerEmailStep } from "../shared/steps/validate-customer-email"
import { EMAILPASS_PROVIDER } from "../shared/utils/customer-login"
import { credentialActionEvents } from "./utils/reference-credential-events"

export type SendCustomerActivationWorkflowInput = {
  customer_id: string
  actor: CredentialActor
  /** Run for a customer of a bulk job (its batch failed): the job, in the audit row. */
  bulk_job_id?: string
  /** projectConfig.http: the link is a core reset token, signed like core signs them. */
  jwt: { secret: string; options?: Record<string, unknown> }
  /**
   * B2B: send the activation link to this reference's login (a person
   * acting for the account); the account's customer number stays out of it.
   */
  reference_id?: string
}

export const sendCustomerActivationWorkflowId = "send-customer-activation"

/**
 * "Send activation email" (backoffice activation): the customer gets a link
 * with which they choose their own password and confirm their email in one
 * step. The link carries a core password-reset token (single use, hashed in
 * core's table, earlier ones voided) that lives `activation_ttl_hours`
 * instead of core's 15 minutes. A customer without a login gets one with a
 * random password nobody knows, and a customer number to sign in with.
 */
export const sendCustomerActivationWorkflow = createWorkflow(
  sendCustomerActivationWorkflowId,
  (input: SendCustomerActivationWorkflowInput) => {
    const options = loadCredentialsOptionsStep()
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

    // The row that keeps the login's sign-in state (a reference's login:
    // its own customer's).
    const current = ensureCustomerCredentialStep(
      transform({ customer }, ({ customer }) => ({ customer_id: customer.id }))
    )
    const unknownPassword = generatePasswordStep(
      transform({ settings }, ({ settings }) => settings.password_policy)
    )
    // As every change of a login's password: under its lock, also when
    // registration runs this as a sub-workflow (Medusa's lock steps skip
    // there unless told otherwise; the registration's own lock is another).
    const passwordLock = transform({ customer }, ({ customer }) =>
      passwordLockKey(customer.email)
    )
    acquireLockStep({
      key: passwordLock,
      timeout: 15,
      ttl: 60,
      executeOnSubWorkflow: true,
    })
    const login = setCustomerPasswordStep({
      customer,
      password: unknownPassword,
      keep_existing_password: true,
    })
    releaseLockStep({ key: passwordLock, executeOnSubWorkflow: true })
    // An account's number signs in as the account's own login: a
    // reference's person signs in with their email.
    const numbered = when(
      "assign-customer-number-unless-reference",
      { reference },
      ({ reference }) => !reference
    ).then(() => assignCustomerNumberStep(current.id))
    const customerNumber = transform(
      { numbered },
      ({ numbered }) => numbered?.customer_number ?? null
    )
    // A login this backoffice activation makes signs in as the store's
    // setting says now (a registration's link keeps the email).
    const signInWith = setActivationSignInStep(
      transform({ input, customer, login, settings }, (data) => ({
        logins: [
          {
            customer_id: data.customer.id,
            created_login: data.login.created_login,
          },
        ],
        sign_in_with:
          data.input.actor.type === "user"
            ? data.settings.backoffice_activation_sign_in
            : null,
      }))
    )

    const resetToken = createActivationTokenStep(
      transform({ customer, options }, ({ customer, options }) => ({
        email: customer.email,
        ttl_seconds: options.activation_ttl_hours * 3600,
      }))
    )
    const token = transform(
      { input, customer, options, resetToken },
      ({ input, customer, options, resetToken }) =>
        generateJwtToken(
          {
            entity_id: customer.email,
            provider: EMAILPASS_PROVIDER,
            actor_type: "customer",
            purpose: "reset",
          },
          {
            secret: input.jwt.secret,
            expiresIn: `${options.activation_ttl_hours}h`,
            jwtOptions: { ...input.jwt.options, jwtid: resetToken.jti },
          }
        )
    )

    recordCredentialEventsStep(
      transform({ input, login, reference }, ({ input, login, reference }) =>
        credentialActionEvents({
          customer_id: input.customer_id,
          action: "activation_sent",
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
      eventName: CredentialsEvents.ACTIVATION_REQUESTED,
      data: transform({ input, login }, (data) => ({
        customer_id: data.input.customer_id,
        auth_identity_id: data.login.auth_identity_id,
      })),
    })

    sendCredentialEmailStep(
      transform(
        { customer, customerNumber, options, token, signInWith },
        ({ customer, customerNumber, options, token, signInWith }) => ({
          to: customer.email,
          template: "activation" as const,
          trigger: CredentialsEvents.ACTIVATION_REQUESTED,
          customer_id: customer.id,
          email: activationEmail(
            customer,
            fillLinkTemplate(options.activation_url, {
              storefront_url: options.storefront_url,
              token,
              email: customer.email,
            }),
            customerNumber,
            options.activation_ttl_hours,
            signInWith[customer.id]
          ),
        })
      )
    )

    return new WorkflowResponse(void 0)
  }
)
