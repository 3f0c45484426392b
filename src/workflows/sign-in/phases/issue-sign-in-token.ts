import { generateJwtTokenWithChecks } from "@medusajs/medusa/api/auth/utils/generate-jwt-token"
import type { SignInAttempt } from "../../../modules/credentials/types"
import { EMAILPASS_PROVIDER } from "../../shared/utils/customer-login"
import type { LoginAccount } from "../../shared/utils/login-accounts"
import type { SignInContext } from "../sign-in-context"
import type { SignInResult } from "../types"
import {
  mintAccountSelectionToken,
  mintCustomerToken,
} from "../utils/mint-customer-token"
import type { SignInTarget } from "./resolve-sign-in-target"
import type { VerifiedLogin } from "./verify-password"

/**
 * Token: core's customer token for the one account the login may sign in
 * for (the token `/auth/customer/emailpass` returns, with core's MFA and
 * verification checks), or a short-lived token for the account choice with
 * the accounts when there are several (B2B), and `must_change_password`.
 */
export const issueSignInToken = async (
  context: SignInContext,
  target: SignInTarget,
  attempt: SignInAttempt | null,
  { authIdentity, mfaChallenge }: VerifiedLogin,
  accounts: LoginAccount[]
): Promise<SignInResult> => {
  const { container } = context
  const mustChange = Boolean(attempt?.must_change_password)
  if (!target.customer_id) {
    // A login with no customer yet (core's registration in progress): core's token.
    const result = await generateJwtTokenWithChecks(container, {
      authIdentity,
      mfaChallenge,
      actorType: "customer",
      authProvider: EMAILPASS_PROVIDER,
    })
    return { ...result, must_change_password: mustChange } as SignInResult
  }

  if (accounts.length === 1) {
    const result = await mintCustomerToken(
      container,
      authIdentity,
      accounts[0].customer_id,
      EMAILPASS_PROVIDER,
      mfaChallenge
    )
    return { ...result, must_change_password: mustChange }
  }
  return {
    token: await mintAccountSelectionToken(
      container,
      authIdentity,
      EMAILPASS_PROVIDER
    ),
    account_selection_required: true,
    accounts: accounts.map((account) => ({
      customer_id: account.customer_id,
      name: account.name,
    })),
    must_change_password: mustChange,
  }
}
