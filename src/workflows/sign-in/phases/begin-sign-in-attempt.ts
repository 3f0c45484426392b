import type CredentialsModuleService from "../../../modules/credentials/service"
import type {
  SignInAttempt,
  SignInClient,
  SignInLockRule,
} from "../../../modules/credentials/types"
import type { SignInContext } from "../sign-in-context"
import { signInClientOf } from "../utils/sign-in-client"
import type { SignInTarget } from "./resolve-sign-in-target"
import { tooManyAttempts } from "./throttle-sign-in"

/** Counts the attempt; a customer without a credential row gets one first. */
const countAttempt = async (
  credentials: CredentialsModuleService,
  target: SignInTarget,
  customerId: string,
  rule: SignInLockRule,
  client: SignInClient,
  now: Date
): Promise<SignInAttempt> => {
  const input = {
    customerId,
    authIdentityId: target.auth_identity_id,
    client,
  }
  const attempt = await credentials.beginSignInAttempt(input, rule, now)
  if (attempt) {
    return attempt
  }
  await credentials.ensureCustomerCredential(customerId)
  return (await credentials.beginSignInAttempt(input, rule, now))!
}

/**
 * Begin attempt: the attempt counts before the password is checked, in one
 * atomic statement that also reads what the gates need: of N guesses sent
 * at once from one client, only those within the threshold are checked at
 * all; the rest are refused like a locked account. The lock is per client
 * (its address, or a known device), so guessing elsewhere does not lock
 * the owner out; past ten times the threshold across clients, only known
 * devices may try. A right password clears this client's count (settle).
 *
 * A login with no customer yet (core's registration in progress) has no
 * attempt: null.
 */
export const beginSignInAttempt = async (
  context: SignInContext,
  target: SignInTarget,
  knownDevice: string | null
): Promise<{ attempt: SignInAttempt | null; client: SignInClient }> => {
  const { settings, now } = context
  const lockRule = {
    threshold: settings.lockout_threshold,
    windowMinutes: settings.lockout_window_minutes,
    lockoutMinutes: settings.lockout_minutes,
  }
  const client = signInClientOf(context.client.key, knownDevice)
  const attempt = target.customer_id
    ? await countAttempt(
        context.credentials,
        target,
        target.customer_id,
        lockRule,
        client,
        now
      )
    : null
  if (
    attempt?.was_locked ||
    (attempt && attempt.failed_login_count > lockRule.threshold)
  ) {
    throw tooManyAttempts(
      attempt.locked_until
        ? (attempt.locked_until.getTime() - now.getTime()) / 1000
        : settings.lockout_minutes * 60
    )
  }
  return { attempt, client }
}
