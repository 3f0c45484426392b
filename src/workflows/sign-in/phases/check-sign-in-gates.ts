import { checkLoginGates, SignInRefused } from "../../shared/utils/login-gates"
import { LOGIN_DISABLED_MESSAGE } from "../../../messages"
import type {
  SignInAttempt,
  SignInClient,
} from "../../../modules/credentials/types"
import {
  type LoginAccount,
  listLoginAccounts,
} from "../../shared/utils/login-accounts"
import type { SignInContext } from "../sign-in-context"
import type { SignInTarget } from "./resolve-sign-in-target"
import { settleRefusedSignIn } from "./settle-sign-in"
import type { VerifiedLogin } from "./verify-password"

/**
 * Gates: what a right password still has to pass (`checkLoginGates`:
 * accounts offered, login enabled, email confirmed, temporary password not
 * expired), checked only now so a wrong password never learns more than
 * "invalid email or password". A gate's refusal settles the attempt as
 * refused before it is thrown. A login with no account it may sign in for
 * (B2B: none an internet user) is refused as disabled.
 *
 * Returns the accounts the login may sign in for (none for a login with no
 * customer yet).
 */
export const checkSignInGates = async (
  context: SignInContext,
  target: SignInTarget,
  attempt: SignInAttempt | null,
  client: SignInClient,
  { authIdentity }: VerifiedLogin
): Promise<LoginAccount[]> => {
  if (!target.customer_id || !attempt) {
    return []
  }
  // B2B: the accounts this login may sign in for.
  const accounts = (
    await listLoginAccounts(
      context.container,
      authIdentity.id,
      target.customer_id,
      { names: "when_several", references: attempt.references }
    )
  ).filter((account) => account.internet_user)

  try {
    await checkLoginGates(
      context.container,
      context.settings,
      { auth_identity_id: authIdentity.id, email: target.email },
      attempt,
      context.now
    )
  } catch (refusal) {
    if (refusal instanceof SignInRefused) {
      await settleRefusedSignIn(
        context,
        target.customer_id,
        attempt,
        client,
        refusal.gate
      )
    }
    throw refusal
  }
  if (!accounts.length) {
    throw new SignInRefused(401, "login_disabled", LOGIN_DISABLED_MESSAGE)
  }
  return accounts
}
