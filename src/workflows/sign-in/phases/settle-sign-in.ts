import type { SignInGateCode } from "../../shared/utils/login-gates"
import type {
  SignInAttempt,
  SignInClient,
} from "../../../modules/credentials/types"
import type { SignInContext } from "../sign-in-context"
import type { SignInOutcome } from "../types"

/**
 * Settle, refused: the password was right but a gate refused the login, so
 * the attempt counted at its beginning is not a failure.
 */
export const settleRefusedSignIn = async (
  context: SignInContext,
  customerId: string,
  attempt: SignInAttempt,
  client: SignInClient,
  gate: SignInGateCode | "invalid_credentials"
): Promise<void> => {
  await context.credentials.settleSignInAttempt(
    {
      credentialId: attempt.credential_id,
      client,
      signedInAt: null,
      event: {
        customer_id: customerId,
        action: "sign_in_refused",
        actor_type: "customer",
        actor_id: customerId,
        metadata: { reason: gate },
      },
    },
    context.now
  )
}

/**
 * Settle: the customer signed in. In one statement, this client's count and
 * lock are cleared, the sign-in stamped and its audit row (with the
 * address) written. The client becomes a known device of the account: the
 * answer says so, and the route issues the device cookie. A login with no
 * customer yet (no attempt) has nothing to settle.
 */
export const settleSignIn = async (
  context: SignInContext,
  customerId: string | null,
  attempt: SignInAttempt | null,
  client: SignInClient
): Promise<SignInOutcome["remember_device"]> => {
  if (!customerId || !attempt) {
    return null
  }
  await context.credentials.settleSignInAttempt(
    {
      credentialId: attempt.credential_id,
      client,
      signedInAt: context.now,
      event: {
        customer_id: customerId,
        action: "signed_in",
        actor_type: "customer",
        actor_id: customerId,
        metadata: { ip: context.client.ip },
      },
    },
    context.now
  )
  return { customer_id: customerId, at: context.now }
}
