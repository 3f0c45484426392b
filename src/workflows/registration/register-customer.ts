import {
  createWorkflow,
  transform,
  when,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import {
  acquireLockStep,
  createCustomerAccountWorkflow,
  releaseLockStep,
  requestVerificationWorkflow,
} from "@medusajs/medusa/core-flows"
import { sendCustomerActivationWorkflow } from "../credentials/send-customer-activation"
import { credentialIntentColumns } from "../../modules/credentials/credential-intents"
import { applyCredentialChangeStep } from "./steps/apply-credential-change"
import { clearRegistrantPasswordStep } from "./steps/clear-registrant-password"
import { createEmailpassLoginStep } from "./steps/create-emailpass-login"
import { linkLoginToCustomerStep } from "./steps/link-login-to-customer"
import { loadCredentialSettingsStep } from "../shared/steps/load-credential-settings"
import { removeOrphanLoginsStep } from "./steps/remove-orphan-logins"
import { validateRegistrationStep } from "./steps/validate-registration"
import {
  EMAIL_ENTITY_TYPE,
  TOKEN_CODE_PROVIDER,
} from "../shared/utils/email-verification"
import { registrationLockKey } from "../shared/utils/registration-logins"

export type RegisterCustomerWorkflowInput = {
  email: string
  first_name: string | null
  last_name: string | null
  phone?: string | null
  company_name?: string | null
  /** projectConfig.http: a guest's activation link is signed like core's reset tokens. */
  jwt: { secret: string; options?: Record<string, unknown> }
} & (
  | { password: string; auth_identity_id?: undefined }
  | {
      /**
       * Core's stock flow (`sdk.auth.register`, then
       * `sdk.store.customer.create`): the login exists already, made by the
       * gated `/auth/customer/emailpass/register` for this email.
       */
      auth_identity_id: string
      password?: undefined
    }
)

export const registerCustomerWorkflowId = "register-customer"

/**
 * A shopper registers: a login (core auth, emailpass), then either a new
 * customer (core's createCustomerAccountWorkflow) or, when the store
 * requires email confirmation and a guest customer with that email already
 * exists from earlier orders, that guest turned into the registered customer
 * so the order history stays theirs once the email is proven: the
 * registrant's password is dropped and the guest's email gets an activation
 * link with which its owner chooses the password (someone who typed another
 * person's email gets nothing; the owner's click confirms no stranger's
 * password). Without confirmation a guest is never adopted:
 * nothing would prove the registrant owns the email. When the store requires
 * email confirmation, core's verification request follows; the plugin's
 * subscriber emails the activation link.
 *
 * A lock on the email (any case) serializes concurrent registrations of one
 * address.
 */
export const registerCustomerWorkflow = createWorkflow(
  registerCustomerWorkflowId,
  (input: RegisterCustomerWorkflowInput) => {
    const lockKey = transform({ input }, ({ input }) =>
      registrationLockKey(input.email)
    )
    acquireLockStep({ key: lockKey, timeout: 15, ttl: 30 })

    const settings = loadCredentialSettingsStep()
    const { guest_customer_id, orphan_logins, resume } =
      validateRegistrationStep(
        transform({ input, settings }, ({ input, settings }) => ({
          settings,
          email: input.email,
          password: input.password ?? null,
          auth_identity_id: input.auth_identity_id ?? null,
        }))
      )
    // A login someone made for this email with another actor's route (or
    // an unfinished stock registration) and nobody proved: the registrant's
    // own replaces it, so it can neither block the owner nor keep a
    // password the owner did not choose.
    removeOrphanLoginsStep(orphan_logins)
    const createdLogin = when(
      "create-login",
      { input, resume },
      ({ input, resume }) =>
        !input.auth_identity_id && !resume?.auth_identity_id
    ).then(() =>
      createEmailpassLoginStep(
        transform({ input }, ({ input }) => ({
          email: input.email,
          password: input.password!,
        }))
      )
    )
    const login = transform(
      { input, createdLogin, resume },
      ({ input, createdLogin, resume }) => ({
        auth_identity_id:
          resume?.auth_identity_id ??
          input.auth_identity_id ??
          createdLogin!.auth_identity_id,
      })
    )

    // A registration of this email that stopped halfway (its customer made,
    // its login not linked): its customer gets the registrant's login.
    when(
      "finish-unfinished-registration",
      { resume },
      ({ resume }) => !!resume
    ).then(() => {
      linkLoginToCustomerStep(
        transform({ login, resume }, (data) => ({
          auth_identity_id: data.login.auth_identity_id,
          customer_id: data.resume!.customer_id,
          set_has_account: false,
        }))
      ).config({ name: "link-login-to-unfinished-customer" })
    })

    const created = when(
      "create-new-customer",
      { guest_customer_id, resume },
      ({ guest_customer_id, resume }) => !guest_customer_id && !resume
    ).then(() =>
      createCustomerAccountWorkflow.runAsStep({
        input: transform({ input, login }, ({ input, login }) => ({
          authIdentityId: login.auth_identity_id,
          customerData: {
            email: input.email,
            first_name: input.first_name,
            last_name: input.last_name,
            phone: input.phone ?? null,
            company_name: input.company_name ?? null,
          },
        })),
      })
    )

    when(
      "turn-guest-into-registered-customer",
      { guest_customer_id },
      ({ guest_customer_id }) => !!guest_customer_id
    ).then(() => {
      // The guest's record stays as the merchant knows it: the registrant's
      // names are not proof of anything.
      linkLoginToCustomerStep(
        transform({ login, guest_customer_id }, (data) => ({
          auth_identity_id: data.login.auth_identity_id,
          customer_id: data.guest_customer_id!,
          set_has_account: true,
        }))
      )
      // The owner's click must not confirm a password someone else typed:
      // the password goes, and the email's link lets the owner choose one
      // (backoffice activation), which also confirms the email.
      clearRegistrantPasswordStep(
        transform({ login }, ({ login }) => ({
          auth_identity_id: login.auth_identity_id,
        }))
      )
    })

    const customerId = transform(
      { created, guest_customer_id, resume },
      ({ created, guest_customer_id, resume }) =>
        guest_customer_id ?? resume?.customer_id ?? created!.id
    )

    // The login state of a new password (permanent, counters cleared) and
    // the audit row, in one write.
    applyCredentialChangeStep(
      transform({ customerId, guest_customer_id, settings }, (data) => ({
        customer_id: data.customerId,
        changes: credentialIntentColumns(
          {
            new_password: { temporary: false, expiration_minutes: 0 },
            // A new login's email is confirmed by its link, whatever an
            // admin said of the guest customer before; without a link
            // asked for (the store's setting), "Email confirmed" starts on,
            // or the login could never sign in (login-gates.ts).
            email_confirmed:
              !data.settings.require_email_confirmation &&
              !data.guest_customer_id,
          },
          new Date()
        ),
        set_to_now: ["last_password_change_at" as const],
        set_to_now_if_missing: ["registered_at" as const],
        event: {
          action: "registered" as const,
          actor: { type: "customer" as const, id: data.customerId },
          metadata: { from_guest: Boolean(data.guest_customer_id) },
        },
      }))
    )

    when(
      "request-email-confirmation",
      { settings, guest_customer_id },
      ({ settings, guest_customer_id }) =>
        settings.require_email_confirmation && !guest_customer_id
    ).then(() => {
      requestVerificationWorkflow.runAsStep({
        input: transform({ input, login }, ({ input, login }) => ({
          auth_identity_id: login.auth_identity_id,
          entity_id: input.email,
          entity_type: EMAIL_ENTITY_TYPE,
          code_provider: TOKEN_CODE_PROVIDER,
          metadata: { purpose: "account_activation" },
        })),
      })
    })

    when(
      "send-activation-to-the-guest",
      { guest_customer_id },
      ({ guest_customer_id }) => !!guest_customer_id
    ).then(() => {
      sendCustomerActivationWorkflow.runAsStep({
        input: transform(
          { input, guest_customer_id },
          ({ input, guest_customer_id }) => ({
            customer_id: guest_customer_id!,
            actor: { type: "customer" as const, id: guest_customer_id! },
            jwt: input.jwt,
          })
        ),
      })
    })

    releaseLockStep({ key: lockKey })

    return new WorkflowResponse(
      transform(
        { customerId, settings, guest_customer_id },
        ({ customerId, settings, guest_customer_id }) => ({
          customer_id: customerId,
          email_confirmation_required: settings.require_email_confirmation,
          /** An existing customer (a guest) became the account. */
          from_guest: Boolean(guest_customer_id),
        })
      )
    )
  }
)
