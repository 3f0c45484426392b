import { MedusaError, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { CREDENTIALS_MODULE } from "../../../modules/credentials"
import type CredentialsModuleService from "../../../modules/credentials/service"
import type {
  SignInAttempt,
  SignInClient,
} from "../../../modules/credentials/types"
import type { CredentialSettingsValues } from "../../../modules/credentials/types"
import { EMAILPASS_PROVIDER } from "../../shared/utils/customer-login"

export const verifyCurrentPasswordStepId = "verify-current-password"

export const TOO_MANY_ATTEMPTS_CODE = "too_many_attempts"

/**
 * The refusal while the client is locked out of the login. A workflow hands
 * its caller a serialized copy of a step's error (own properties kept), so
 * the route reads `code` and `retry_after_seconds` rather than the class.
 */
export const tooManyPasswordAttempts = (retryAfterSeconds: number) =>
  Object.assign(
    new MedusaError(
      MedusaError.Types.NOT_ALLOWED,
      `Too many failed sign-in attempts. Try again in ${Math.max(
        1,
        Math.ceil(retryAfterSeconds / 60)
      )} minute(s), or reset your password.`,
      TOO_MANY_ATTEMPTS_CODE
    ),
    { retry_after_seconds: Math.max(1, Math.ceil(retryAfterSeconds)) }
  )

export type VerifyCurrentPasswordStepInput = {
  /** The login that proves it knows its password. */
  auth_identity_id: string
  /** The account the login acts for (its own, or a B2B reference's). */
  customer_id: string
  email: string
  password: string
  new_password: string
  settings: Pick<
    CredentialSettingsValues,
    "lockout_threshold" | "lockout_window_minutes" | "lockout_minutes"
  >
  /** The client the sign-in lock counts (its address, or a known device). */
  client?: SignInClient
  ip?: string | null
}

/** A counted attempt whose password was right: what settles it. */
export type VerifiedCurrentPassword = {
  /** The login's own credential row, where sign-in counts. */
  credential_id: string
  customer_id: string
  actor_id: string
  client?: SignInClient
}

/**
 * The customer proves they know their current password (core's emailpass
 * check) exactly as a sign-in does: the attempt counts first, on the login's
 * own credential row and for this client (`beginSignInAttempt`: the store's
 * threshold, window and lock, the account's lock for unknown devices), so
 * guessing with a stolen session locks like guessing at sign-in, and a locked
 * client is refused (429) without a check. A wrong password stays counted; a
 * right one is settled when the change is recorded
 * (`settleCurrentPasswordCheckStep`), or here by the compensation if the
 * change fails after all.
 */
export const verifyCurrentPasswordStep = createStep(
  verifyCurrentPasswordStepId,
  async (input: VerifyCurrentPasswordStepInput, { container }) => {
    // Needs no password knowledge: answered before anything counts.
    if (input.new_password === input.password) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        "The new password must differ from the current one."
      )
    }
    const auth = container.resolve(Modules.AUTH)
    const credentials =
      container.resolve<CredentialsModuleService>(CREDENTIALS_MODULE)

    // Sign-in counts on the login's own customer (B2B included).
    const identity = await auth.retrieveAuthIdentity(input.auth_identity_id, {
      select: ["id", "app_metadata"],
    })
    const loginCustomerId =
      (identity.app_metadata?.customer_id as string | undefined) ??
      input.customer_id

    const now = new Date()
    const rule = {
      threshold: input.settings.lockout_threshold,
      windowMinutes: input.settings.lockout_window_minutes,
      lockoutMinutes: input.settings.lockout_minutes,
    }
    const attemptInput = {
      customerId: loginCustomerId,
      authIdentityId: input.auth_identity_id,
      client: input.client,
    }
    let attempt: SignInAttempt | null = await credentials.beginSignInAttempt(
      attemptInput,
      rule,
      now
    )
    if (!attempt) {
      await credentials.ensureCustomerCredential(loginCustomerId)
      attempt = (await credentials.beginSignInAttempt(attemptInput, rule, now))!
    }
    if (attempt.was_locked || attempt.failed_login_count > rule.threshold) {
      throw tooManyPasswordAttempts(
        attempt.locked_until
          ? (attempt.locked_until.getTime() - now.getTime()) / 1000
          : rule.lockoutMinutes * 60
      )
    }

    const { success } = await auth.authenticate(EMAILPASS_PROVIDER, {
      body: { email: input.email, password: input.password },
    } as never)

    if (!success) {
      await credentials.appendCredentialEvent(
        {
          customer_id: loginCustomerId,
          action:
            attempt.failed_login_count >= rule.threshold ||
            attempt.locked_unknown_devices
              ? "locked"
              : "sign_in_failed",
          actor_type: "customer",
          actor_id: input.customer_id,
          metadata: {
            failed_login_count: attempt.failed_login_count,
            check: "current_password",
            ...(input.ip ? { ip: input.ip } : {}),
            known_device: Boolean(input.client?.known_device),
            ...(attempt.locked_unknown_devices
              ? { locked_unknown_devices: true }
              : {}),
          },
        },
        now
      )
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        "The current password is not correct."
      )
    }

    const verified: VerifiedCurrentPassword = {
      credential_id: attempt.credential_id,
      customer_id: loginCustomerId,
      actor_id: input.customer_id,
      client: input.client,
    }
    return new StepResponse(verified, verified)
  },
  // The password was right but the change failed: the attempt counted above
  // is not a failure (as sign-in settles a right password a gate refused).
  async (verified, { container }) => {
    if (!verified) {
      return
    }
    await container
      .resolve<CredentialsModuleService>(CREDENTIALS_MODULE)
      .settleSignInAttempt({
        credentialId: verified.credential_id,
        client: verified.client,
        signedInAt: null,
        event: {
          customer_id: verified.customer_id,
          action: "sign_in_refused",
          actor_type: "customer",
          actor_id: verified.actor_id,
          metadata: { reason: "password_change_failed" },
        },
      })
  }
)
