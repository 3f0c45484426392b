import {
  createWorkflow,
  transform,
  when,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import {
  acquireLockStep,
  createCustomersWorkflow,
  releaseLockStep,
} from "@medusajs/medusa/core-flows"
import { generateCustomerCredentialsWorkflow } from "./generate-customer-credentials"
import { sendCustomerActivationWorkflow } from "./send-customer-activation"
import { setCustomerPasswordWorkflow } from "./set-customer-password"
import { loadCredentialSettingsStep } from "../shared/steps/load-credential-settings"
import {
  CredentialActor,
  recordCredentialEventsStep,
} from "../shared/steps/record-credential-event"
import {
  NewCustomerLoginMode,
  validateAdminNewCustomerStep,
} from "./steps/validate-admin-new-customer"
import { validateManualPasswordEntryStep } from "./steps/validate-manual-password-entry"
import { validateNewPasswordStep } from "./steps/validate-new-password"
import { passwordLockKey } from "../shared/utils/password-lock-key"
import { registrationLockKey } from "../shared/utils/registration-logins"

export type CreateCustomerWithLoginWorkflowInput = {
  customer: {
    email: string
    first_name: string
    last_name: string
    company_name?: string | null
    phone?: string | null
  }
  login: {
    mode: NewCustomerLoginMode
    /** mode "password": what the admin typed, and its confirmation. */
    password?: string
    confirm_password?: string
    /** mode "password": must the customer replace it at the first sign-in? */
    temporary?: boolean
    /** mode "password": the admin vouches for the email (else a confirmation link is sent). */
    email_confirmed?: boolean
  }
  actor: CredentialActor
  /** projectConfig.http: the activation link is a core reset token, signed like core's. */
  jwt: { secret: string; options?: Record<string, unknown> }
}

export const createCustomerWithLoginWorkflowId = "create-customer-with-login"

/**
 * "Create customer with login": an admin creates a customer (core's
 * createCustomersWorkflow) and, in the same workflow, its login, with one of
 * the customer page's own flows run as a sub-workflow: Generate and send
 * credentials, Enter a password, or Send activation email ("none" creates
 * the customer only). Every refusal (an email that names a customer or a
 * login already, Allow Manual Entry off, a password the policy refuses)
 * comes before anything is written; a later failure (the email cannot be
 * sent) undoes the login and removes the customer too, so no customer
 * without the login the admin asked for is left behind.
 *
 * Runs under the email's registration lock (a shopper registering the same
 * email waits) and, for the modes that set a password, its password lock
 * (the sub-workflows' own lock steps skip inside a parent; activation takes
 * its own).
 */
export const createCustomerWithLoginWorkflow = createWorkflow(
  createCustomerWithLoginWorkflowId,
  (input: CreateCustomerWithLoginWorkflowInput) => {
    const email = transform({ input }, ({ input }) =>
      input.customer.email.trim()
    )
    const mode = transform({ input }, ({ input }) => input.login.mode)
    const registrationLock = transform({ email }, ({ email }) =>
      registrationLockKey(email)
    )
    acquireLockStep({ key: registrationLock, timeout: 15, ttl: 60 }).config({
      name: "acquire-registration-lock",
    })
    const passwordLock = transform({ email, mode }, ({ email, mode }) =>
      mode === "generate" || mode === "password" ? [passwordLockKey(email)] : []
    )
    acquireLockStep({ key: passwordLock, timeout: 15, ttl: 60 }).config({
      name: "acquire-password-lock",
    })

    const settings = loadCredentialSettingsStep()
    when("validate-entered-password", { mode }, ({ mode }) => {
      return mode === "password"
    }).then(() => {
      validateManualPasswordEntryStep(settings)
      validateNewPasswordStep(
        transform({ input, settings }, ({ input, settings }) => ({
          password: input.login.password ?? "",
          confirm_password: input.login.confirm_password ?? "",
          policy: settings.password_policy,
        }))
      )
    })
    validateAdminNewCustomerStep(
      transform({ email, mode }, ({ email, mode }) => ({ email, mode }))
    )

    const created = createCustomersWorkflow.runAsStep({
      input: transform({ input, email }, ({ input, email }) => ({
        customersData: [
          {
            email,
            first_name: input.customer.first_name,
            last_name: input.customer.last_name,
            company_name: input.customer.company_name ?? null,
            phone: input.customer.phone ?? null,
            created_by: input.actor.id ?? null,
          },
        ],
      })),
    })
    const customerId = transform({ created }, ({ created }) => created[0].id)

    recordCredentialEventsStep(
      transform({ customerId, input }, ({ customerId, input }) => [
        {
          customer_id: customerId,
          action: "customer_created" as const,
          actor: input.actor,
          metadata: { login: input.login.mode },
        },
      ])
    )

    when("generate-credentials", { mode }, ({ mode }) => {
      return mode === "generate"
    }).then(() => {
      generateCustomerCredentialsWorkflow.runAsStep({
        input: transform({ customerId, input }, ({ customerId, input }) => ({
          customer_id: customerId,
          actor: input.actor,
        })),
      })
    })
    when("enter-password", { mode }, ({ mode }) => {
      return mode === "password"
    }).then(() => {
      setCustomerPasswordWorkflow.runAsStep({
        input: transform({ customerId, input }, ({ customerId, input }) => ({
          customer_id: customerId,
          password: input.login.password!,
          confirm_password: input.login.confirm_password!,
          temporary: input.login.temporary,
          email_confirmed: input.login.email_confirmed === true,
          actor: input.actor,
        })),
      })
    })
    when("send-activation", { mode }, ({ mode }) => {
      return mode === "activation"
    }).then(() => {
      sendCustomerActivationWorkflow.runAsStep({
        input: transform({ customerId, input }, ({ customerId, input }) => ({
          customer_id: customerId,
          actor: input.actor,
          jwt: input.jwt,
        })),
      })
    })

    releaseLockStep({ key: passwordLock }).config({
      name: "release-password-lock",
    })
    releaseLockStep({ key: registrationLock }).config({
      name: "release-registration-lock",
    })

    return new WorkflowResponse(
      transform({ customerId }, ({ customerId }) => ({
        customer_id: customerId,
      }))
    )
  }
)
