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
} from "@medusajs/medusa/core-flows"
import { CredentialsEvents } from "../../modules/credentials/events"
import type { SignInClient } from "../../modules/credentials/types"
import { applyCredentialIntentsStep } from "../shared/steps/apply-credential-intents"
import { voidPasswordResetTokensStep } from "../shared/steps/void-password-reset-tokens"
import { ensureCustomerCredentialStep } from "../shared/steps/ensure-customer-credential"
import { loadCredentialSettingsStep } from "../shared/steps/load-credential-settings"
import { recordCredentialEventsStep } from "../shared/steps/record-credential-event"
import { setCustomerPasswordStep } from "./steps/set-customer-password"
import { settleCurrentPasswordCheckStep } from "./steps/settle-current-password-check"
import { resolveSignedInLoginStep } from "./steps/resolve-signed-in-login"
import { updateCustomerCredentialStep } from "../shared/steps/update-customer-credential"
import { validateEmailSignInStep } from "./steps/validate-email-sign-in"
import { validateCustomerMayChangePasswordStep } from "./steps/validate-customer-may-change-password"
import { validateNewPasswordStep } from "./steps/validate-new-password"
import { verifyCurrentPasswordStep } from "./steps/verify-current-password"
import { passwordLockKey } from "../shared/utils/password-lock-key"

export type ChangeOwnPasswordWorkflowInput = {
  customer_id: string
  /** The login the person signed in with (B2B: one login, several accounts). */
  auth_identity_id: string
  current_password: string
  new_password: string
  /** The client the sign-in lock counts (its address, or a known device). */
  client?: SignInClient
  /** The client's address, for the audit row of a wrong current password. */
  ip?: string | null
  /**
   * "Sign in with my email too": with the new password, the account's own
   * login that signs in with its customer number only takes its email as
   * well (refused for a login acting for another account).
   */
  enable_email_sign_in?: boolean
}

export const changeOwnPasswordWorkflowId = "change-own-password"

/**
 * A signed-in customer changes their password (and so ends a temporary one),
 * and, asked to, turns on signing in with their email (a backoffice
 * activation's login that signs in with its customer number only).
 */
export const changeOwnPasswordWorkflow = createWorkflow(
  changeOwnPasswordWorkflowId,
  (input: ChangeOwnPasswordWorkflowInput) => {
    const settings = loadCredentialSettingsStep()
    const customer = resolveSignedInLoginStep({
      auth_identity_id: input.auth_identity_id,
      customer_id: input.customer_id,
    })
    const passwordLock = transform({ customer }, ({ customer }) =>
      passwordLockKey(customer.email)
    )
    acquireLockStep({ key: passwordLock, timeout: 15, ttl: 60 })
    const current = ensureCustomerCredentialStep({
      customer_id: input.customer_id,
    })
    validateCustomerMayChangePasswordStep({
      settings,
      must_change_password: current.must_change_password,
    })
    const emailSignIn = when(
      "validate-email-sign-in-wanted",
      { input },
      ({ input }) => !!input.enable_email_sign_in
    ).then(() =>
      validateEmailSignInStep(
        transform({ input, customer }, ({ input, customer }) => ({
          auth_identity_id: input.auth_identity_id,
          email: customer.email,
          customer_id: input.customer_id,
        }))
      )
    )
    validateNewPasswordStep(
      transform({ input, settings }, ({ input, settings }) => ({
        password: input.new_password,
        policy: settings.password_policy,
      }))
    )
    // Checked as a sign-in is: counted first on the login's lock (a wrong
    // current password stays a failed sign-in; a locked client gets 429).
    const verified = verifyCurrentPasswordStep(
      transform({ input, customer, settings }, (data) => ({
        auth_identity_id: data.input.auth_identity_id,
        customer_id: data.input.customer_id,
        email: data.customer.email,
        password: data.input.current_password,
        new_password: data.input.new_password,
        settings: data.settings,
        client: data.input.client,
        ip: data.input.ip ?? null,
      }))
    )

    const login = setCustomerPasswordStep({
      customer,
      password: input.new_password,
    })
    voidPasswordResetTokensStep(
      transform({ login }, ({ login }) => ({
        auth_identity_ids: [login.auth_identity_id],
      }))
    )
    applyCredentialIntentsStep(
      transform({ input }, ({ input }) => ({
        intents: [
          {
            customer_id: input.customer_id,
            new_password: { temporary: false, expiration_minutes: 0 },
          },
        ],
      }))
    )
    when(
      "enable-email-sign-in",
      { input, emailSignIn },
      ({ input, emailSignIn }) => !!input.enable_email_sign_in && !!emailSignIn
    ).then(() => {
      updateCustomerCredentialStep(
        transform({ emailSignIn }, ({ emailSignIn }) => ({
          id: emailSignIn!.credential_id,
          changes: { sign_in_with: "both" as const },
        }))
      ).config({ name: "turn-on-email-sign-in" })
      recordCredentialEventsStep(
        transform({ input }, ({ input }) => [
          {
            customer_id: input.customer_id,
            action: "email_sign_in_enabled" as const,
            actor: { type: "customer" as const, id: input.customer_id },
          },
        ])
      ).config({ name: "record-email-sign-in-enabled" })
    })
    emitEventStep({
      eventName: CredentialsEvents.PASSWORD_CHANGED,
      data: transform({ input, login }, (data) => ({
        customer_id: data.input.customer_id,
        auth_identity_id: data.login.auth_identity_id,
        changed_by: "customer",
        temporary: false,
      })),
    })
    // The right current password's attempt is settled as a sign-in's, with
    // the "password changed" audit row, in one statement.
    settleCurrentPasswordCheckStep(verified)
    releaseLockStep({ key: passwordLock })

    return new WorkflowResponse(void 0)
  }
)
