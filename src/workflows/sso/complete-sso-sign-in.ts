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
  setAuthAppMetadataStep,
  updateCustomersStep,
} from "@medusajs/medusa/core-flows"
import { clearLoginPasswordsStep } from "./steps/clear-login-passwords"
import { ensureCustomerCredentialStep } from "../shared/steps/ensure-customer-credential"
import { loadCredentialSettingsStep } from "../shared/steps/load-credential-settings"
import {
  recordCredentialEventsStep,
  type RecordCredentialEventInput,
} from "../shared/steps/record-credential-event"
import { resolveSsoIdentityStep } from "./steps/resolve-sso-identity"
import { syncEmailVerificationStep } from "../shared/steps/sync-email-verification"
import {
  updateCustomerCredentialStep,
  type CustomerCredentialChanges,
} from "../shared/steps/update-customer-credential"
import { validateSsoSignInStep } from "./steps/validate-sso-sign-in"

export type CompleteSsoSignInWorkflowInput = {
  /** The auth identity of the token core returned on the provider's callback. */
  auth_identity_id: string
  /** The auth provider that made it (any customer redirect provider). */
  provider: string
  /** The provider signs nobody in with an unverified email (core's Google). */
  provider_verifies_email?: boolean
}

export type CompleteSsoSignInWorkflowOutput = {
  customer_id: string
  /** A new customer was made for this person. */
  created: boolean
  /** The identity was linked to a customer in this run. */
  linked: boolean
}

export const completeSsoSignInWorkflowId = "complete-sso-sign-in"

/**
 * After core's OpenID Connect callback: the auth identity core made (keyed by
 * the `sub` claim) signs in as a customer.
 *
 * - An identity linked before signs in as its customer.
 * - Otherwise the customer with the verified email is linked (a password
 *   customer whose email was confirmed keeps their password; an unconfirmed
 *   password login loses its password and its sessions, as nobody proved it
 *   is the email's owner's; a guest from earlier orders becomes registered),
 *   or a new customer is created with the names from the claims (core's
 *   createCustomerAccountWorkflow).
 * - A verified email is marked confirmed, in the plugin's row and in core's
 *   verification record of the customer's password login, if any.
 *
 * The login-enabled gate and the other refusals run before anything is
 * written; a lock on the email serializes two first sign-ins of one person.
 */
export const completeSsoSignInWorkflow = createWorkflow(
  completeSsoSignInWorkflowId,
  (input: CompleteSsoSignInWorkflowInput) => {
    const identity = resolveSsoIdentityStep(input)
    const lockKey = transform(
      { identity },
      ({ identity }) =>
        `customer-credentials:sso:${identity.email ?? identity.auth_identity_id}`
    )
    acquireLockStep({ key: lockKey, timeout: 15, ttl: 30 })

    const settings = loadCredentialSettingsStep()
    const plan = validateSsoSignInStep({ settings, identity })

    const created = when(
      "create-sso-customer",
      { plan },
      ({ plan }) => plan.mode === "create"
    ).then(() =>
      createCustomerAccountWorkflow.runAsStep({
        input: transform({ identity }, ({ identity }) => ({
          authIdentityId: identity.auth_identity_id,
          customerData: {
            email: identity.email!,
            first_name: identity.first_name ?? undefined,
            last_name: identity.last_name ?? undefined,
          },
        })),
      })
    )

    when(
      "clear-unproven-password",
      { plan },
      ({ plan }) => plan.mode === "link" && !!plan.unproven_login
    ).then(() => {
      clearLoginPasswordsStep(
        transform({ plan }, ({ plan }) => ({ logins: [plan.unproven_login!] }))
      )
    })

    when(
      "link-sso-identity",
      { plan },
      ({ plan }) => plan.mode === "link"
    ).then(() => {
      setAuthAppMetadataStep(
        transform({ identity, plan }, ({ identity, plan }) => ({
          authIdentityId: identity.auth_identity_id,
          actorType: "customer",
          value: plan.customer_id!,
        }))
      )
    })

    when(
      "turn-guest-into-registered-customer",
      { plan },
      ({ plan }) => plan.mode === "link" && plan.from_guest
    ).then(() => {
      updateCustomersStep(
        transform({ plan }, ({ plan }) => ({
          selector: { id: plan.customer_id! },
          update: { has_account: true } as CustomerUpdatableFields,
        }))
      )
    })

    const customerId = transform(
      { plan, created },
      ({ plan, created }) => plan.customer_id ?? created!.id
    )
    const customer = transform(
      { customerId, identity },
      ({ customerId, identity }) => ({ id: customerId, email: identity.email })
    )

    const credential = ensureCustomerCredentialStep({ customer_id: customerId })
    updateCustomerCredentialStep(
      transform({ credential, identity }, ({ credential, identity }) => {
        const now = new Date()
        const changes: CustomerCredentialChanges = { last_login_at: now }
        if (!credential.registered_at) {
          changes.registered_at = now
        }
        if (identity.email_verified) {
          changes.email_confirmed = true
        }
        return { id: credential.id, changes }
      })
    )

    when(
      "confirm-email-in-core",
      { identity, plan },
      ({ identity, plan }) =>
        identity.email_verified && plan.mode !== "signed_in"
    ).then(() => {
      syncEmailVerificationStep(
        transform({ customer }, ({ customer }) => ({
          customer,
          confirmed: true,
        }))
      )
    })

    recordCredentialEventsStep(
      transform(
        { customerId, identity, plan, input },
        ({ customerId, identity, plan, input }) => {
          const actor = { type: "customer" as const, id: customerId }
          const metadata = {
            provider: input.provider,
            auth_identity_id: identity.auth_identity_id,
          }
          const events: RecordCredentialEventInput[] = []
          if (plan.mode !== "signed_in") {
            events.push({
              customer_id: customerId,
              action: "sso_linked",
              actor,
              metadata: {
                ...metadata,
                created: plan.mode === "create",
                from_guest: plan.from_guest,
                email_verified: identity.email_verified,
                password_removed: !!plan.unproven_login,
              },
            })
          }
          events.push({
            customer_id: customerId,
            action: "sso_signed_in",
            actor,
            metadata,
          })
          return events
        }
      )
    )
    releaseLockStep({ key: lockKey })

    return new WorkflowResponse(
      transform(
        { customerId, plan },
        ({ customerId, plan }): CompleteSsoSignInWorkflowOutput => ({
          customer_id: customerId,
          created: plan.mode === "create",
          linked: plan.mode !== "signed_in",
        })
      )
    )
  }
)
