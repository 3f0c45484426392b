import type { CustomerUpdatableFields } from "@medusajs/framework/types"
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
  setAuthAppMetadataStep,
  updateCustomersStep,
} from "@medusajs/medusa/core-flows"
import { applyCredentialChangeStep } from "./steps/apply-credential-change"
import { createEmailpassLoginStep } from "./steps/create-emailpass-login"
import { loadCredentialSettingsStep } from "./steps/load-credential-settings"
import { removeOrphanLoginsStep } from "./steps/remove-orphan-logins"
import { validateRegistrationStep } from "./steps/validate-registration"
import {
  EMAIL_ENTITY_TYPE,
  TOKEN_CODE_PROVIDER,
} from "./utils/email-verification"
import { registrationLockKey } from "./utils/registration-logins"

export type RegisterCustomerWorkflowInput = {
  email: string
  first_name: string | null
  last_name: string | null
  phone?: string | null
  company_name?: string | null
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
 * so the order history stays theirs once the link proves the email (sign-in
 * is refused until then). Without confirmation a guest is never adopted:
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
    const { guest_customer_id, orphan_logins } = validateRegistrationStep(
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
      { input },
      ({ input }) => !input.auth_identity_id
    ).then(() =>
      createEmailpassLoginStep(
        transform({ input }, ({ input }) => ({
          email: input.email,
          password: input.password!,
        }))
      )
    )
    const login = transform(
      { input, createdLogin },
      ({ input, createdLogin }) => ({
        auth_identity_id:
          input.auth_identity_id ?? createdLogin!.auth_identity_id,
      })
    )

    const created = when(
      "create-new-customer",
      { guest_customer_id },
      ({ guest_customer_id }) => !guest_customer_id
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
      updateCustomersStep(
        transform({ input, guest_customer_id }, (data) => ({
          selector: { id: data.guest_customer_id! },
          update: {
            first_name: data.input.first_name,
            last_name: data.input.last_name,
            ...(data.input.phone ? { phone: data.input.phone } : {}),
            ...(data.input.company_name
              ? { company_name: data.input.company_name }
              : {}),
            has_account: true,
          } as CustomerUpdatableFields,
        }))
      )
      setAuthAppMetadataStep(
        transform({ login, guest_customer_id }, (data) => ({
          authIdentityId: data.login.auth_identity_id,
          actorType: "customer",
          value: data.guest_customer_id!,
        }))
      )
    })

    const customerId = transform(
      { created, guest_customer_id },
      ({ created, guest_customer_id }) => guest_customer_id ?? created!.id
    )

    // The login state of a new password (permanent, counters cleared) and
    // the audit row, in one write.
    applyCredentialChangeStep(
      transform({ customerId, guest_customer_id }, (data) => ({
        customer_id: data.customerId,
        changes: {
          // A new login's email is confirmed by its link, whatever an
          // admin said of the guest customer before.
          email_confirmed: false,
          must_change_password: false,
          temporary_password_expires_at: null,
          failed_login_count: 0,
          locked_until: null,
        },
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
      { settings },
      ({ settings }) => settings.require_email_confirmation
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

    releaseLockStep({ key: lockKey })

    return new WorkflowResponse(
      transform({ customerId, settings }, ({ customerId, settings }) => ({
        customer_id: customerId,
        email_confirmation_required: settings.require_email_confirmation,
      }))
    )
  }
)
