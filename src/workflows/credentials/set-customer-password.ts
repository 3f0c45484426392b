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
  requestVerificationWorkflow,
  useQueryGraphStep,
} from "@medusajs/medusa/core-flows"
import { CredentialsEvents } from "../../modules/credentials/events"
import { applyCredentialIntentsStep } from "../shared/steps/apply-credential-intents"
import { voidPasswordResetTokensStep } from "../shared/steps/void-password-reset-tokens"
import { ensureCustomerCredentialStep } from "../shared/steps/ensure-customer-credential"
import { loadCredentialSettingsStep } from "../shared/steps/load-credential-settings"
import {
  CredentialActor,
  recordCredentialEventsStep,
} from "../shared/steps/record-credential-event"
import { setCustomerPasswordStep } from "./steps/set-customer-password"
import { resolveReferenceLoginStep } from "./steps/resolve-reference-login"
import { validateCustomerEmailStep } from "../shared/steps/validate-customer-email"
import { validateManualPasswordEntryStep } from "./steps/validate-manual-password-entry"
import { validateNewLoginEmailChoiceStep } from "./steps/validate-new-login-email-choice"
import { validateNewPasswordStep } from "./steps/validate-new-password"
import {
  EMAIL_ENTITY_TYPE,
  TOKEN_CODE_PROVIDER,
} from "../shared/utils/email-verification"
import { passwordLockKey } from "../shared/utils/password-lock-key"
import { credentialActionEvents } from "./utils/reference-credential-events"

export type SetCustomerPasswordWorkflowInput = {
  customer_id: string
  password: string
  confirm_password: string
  /** Must the customer replace it at the next sign-in? */
  temporary?: boolean
  /**
   * Only for a login this password creates: the admin vouches for the email
   * (true). Otherwise the new login starts unconfirmed and is emailed the
   * confirmation link: an admin-typed password proves nothing about the
   * email, and the login signs in once the link is followed.
   */
  email_confirmed?: boolean
  /**
   * B2B: set the password of this reference's login (a person acting for
   * the customer account) instead of the customer's own. One login, one
   * password: it serves every account the login acts for.
   */
  reference_id?: string
  actor: CredentialActor
}

export const setCustomerPasswordWorkflowId = "set-customer-password"

/**
 * An admin enters a new password on the customer's behalf ("Allow Manual
 * Entry"). The password is temporary when asked, or whenever the store's
 * Password Ticket Expiration Delay is above 0; it then expires after that
 * many minutes and must be changed at the next sign-in.
 *
 * A login this creates is "Email confirmed" only when the admin says so;
 * else it gets the confirmation link (core's verification request, as a
 * registration) and signs in once it is followed. An existing login keeps
 * its switch.
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
    validateNewLoginEmailChoiceStep(
      transform({ input, customer }, ({ input, customer }) => ({
        customer,
        email_confirmed: input.email_confirmed,
      }))
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

    // The row that keeps the login's sign-in state (a reference's login:
    // its own customer's).
    const current = ensureCustomerCredentialStep(
      transform({ customer }, ({ customer }) => ({ customer_id: customer.id }))
    )
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
    voidPasswordResetTokensStep(
      transform({ login }, ({ login }) => ({
        auth_identity_ids: [login.auth_identity_id],
      }))
    )
    const credentials = applyCredentialIntentsStep(
      transform(
        { current, temporary, settings, login, input },
        ({ current, temporary, settings, login, input }) => ({
          intents: [
            {
              customer_id: current.customer_id,
              new_password: {
                temporary,
                expiration_minutes: settings.password_ticket_expiration_minutes,
              },
              ...(login.created_login
                ? { email_confirmed: input.email_confirmed === true }
                : {}),
            },
          ],
        })
      )
    )
    const credential = transform(
      { credentials },
      ({ credentials }) => credentials[0]
    )

    const linkSent = transform(
      { login, input },
      ({ login, input }) =>
        login.created_login && input.email_confirmed !== true
    )
    when(
      "send-email-confirmation-link",
      { linkSent },
      ({ linkSent }) => linkSent
    ).then(() => {
      requestVerificationWorkflow.runAsStep({
        input: transform({ login, customer }, ({ login, customer }) => ({
          auth_identity_id: login.auth_identity_id,
          entity_id: customer.email,
          entity_type: EMAIL_ENTITY_TYPE,
          code_provider: TOKEN_CODE_PROVIDER,
          metadata: { purpose: "account_activation" },
        })),
      })
    })

    recordCredentialEventsStep(
      transform(
        { input, temporary, login, linkSent, reference },
        ({ input, temporary, login, linkSent, reference }) =>
          credentialActionEvents({
            customer_id: input.customer_id,
            action: "password_set",
            actor: input.actor,
            reference,
            metadata: {
              temporary,
              created_login: login.created_login,
              ...(login.created_login
                ? {
                    email_confirmed: input.email_confirmed === true,
                    link_sent: linkSent,
                  }
                : {}),
            },
          })
      )
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
