import type {
  AuthIdentityDTO,
  AuthMfaChallengeDTO,
} from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { SignInRefused } from "../../shared/utils/login-gates"
import { INVALID_CREDENTIALS } from "../../../messages"
import { acceptsIdentifier } from "../../../modules/credentials/sign-in-identifiers"
import type {
  SignInAttempt,
  SignInClient,
} from "../../../modules/credentials/types"
import { EMAILPASS_PROVIDER } from "../../shared/utils/customer-login"
import type { SignInContext } from "../sign-in-context"
import type { SignInInput } from "../types"
import { spendPasswordCheck } from "../utils/dummy-password-check"
import { emailpassHashConfig } from "../utils/emailpass-hash-config"
import { countFailure } from "../utils/sign-in-limiters"
import type { SignInTarget } from "./resolve-sign-in-target"

/** Core's emailpass check, as `/auth/customer/emailpass` runs it. */
const authenticateWithEmailpass = (
  context: SignInContext,
  input: SignInInput,
  email: string
) =>
  context.container.resolve(Modules.AUTH).authenticate(EMAILPASS_PROVIDER, {
    actor_type: "customer",
    url: input.provider_input.url,
    headers: input.provider_input.headers,
    query: {},
    body: { email, password: input.password },
    protocol: input.provider_input.protocol,
  } as never)

/** A login whose password was right. */
export type VerifiedLogin = {
  authIdentity: AuthIdentityDTO
  mfaChallenge: AuthMfaChallengeDTO | undefined
}

/**
 * Verify: core's emailpass checks the password. A wrong one counts against
 * the account (the attempt, and an audit row) or, for a login with no
 * customer yet, against the identifier, and keeps the attempt counted
 * against the client's address at resolve; the answer is "invalid email or
 * password" (401).
 *
 * A login that does not sign in with this kind of identifier (a backoffice
 * activation's "customer number only", say) answers exactly as a wrong
 * password: same 401, same count, same work (one scrypt derivation), and
 * the password is not checked at all. Every route that takes an identifier
 * comes here (core's /auth/customer/emailpass too).
 */
export const verifyPassword = async (
  context: SignInContext,
  input: SignInInput,
  target: SignInTarget,
  attempt: SignInAttempt | null,
  client: SignInClient
): Promise<VerifiedLogin> => {
  const { limiters, settings, now } = context
  const accepted = acceptsIdentifier(target.sign_in_with, target.identifier)
  if (!target.has_password || !accepted) {
    // emailpass refuses a login without a hash at once: spend the same
    // scrypt derivation as a real check, so the answer's time tells nothing.
    await spendPasswordCheck(
      input.password,
      emailpassHashConfig(context.container)
    )
  }
  const { success, authIdentity, mfaChallenge } = accepted
    ? await authenticateWithEmailpass(context, input, target.email)
    : { success: false, authIdentity: undefined, mfaChallenge: undefined }

  if (!success || !authIdentity) {
    if (target.customer_id && attempt) {
      await context.credentials.appendCredentialEvent(
        {
          customer_id: target.customer_id,
          action:
            attempt.failed_login_count >= settings.lockout_threshold ||
            attempt.locked_unknown_devices
              ? "locked"
              : "sign_in_failed",
          actor_type: "customer",
          actor_id: target.customer_id,
          metadata: {
            failed_login_count: attempt.failed_login_count,
            ip: context.client.ip,
            known_device: client.known_device,
            ...(accepted ? {} : { identifier_not_accepted: target.identifier }),
            ...(attempt.locked_unknown_devices
              ? { locked_unknown_devices: true }
              : {}),
          },
        },
        now
      )
    } else {
      await countFailure(limiters.identifier, context.identifier_client_key)
      await countFailure(limiters.identifierAllClients, context.identifier_key)
    }
    throw new SignInRefused(401, "invalid_credentials", INVALID_CREDENTIALS)
  }
  return { authIdentity, mfaChallenge }
}

/**
 * An identifier that names no login: the same work as a known email's
 * wrong password (core's check, its own read of the login, which finds
 * none, and one scrypt derivation), counted as one (the address's count
 * made at resolve is kept), and the same answer.
 * Returns the refusal to throw.
 */
export const refuseUnknownIdentifier = async (
  context: SignInContext,
  input: SignInInput
): Promise<SignInRefused> => {
  const { limiters } = context
  await authenticateWithEmailpass(context, input, input.identifier.trim())
  await spendPasswordCheck(
    input.password,
    emailpassHashConfig(context.container)
  )
  await countFailure(limiters.identifier, context.identifier_client_key)
  await countFailure(limiters.identifierAllClients, context.identifier_key)
  return new SignInRefused(401, "invalid_credentials", INVALID_CREDENTIALS)
}
