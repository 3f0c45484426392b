import type {
  MedusaNextFunction,
  MedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { Modules } from "@medusajs/framework/utils"
import { CREDENTIALS_MODULE } from "../../modules/credentials"
import type CredentialsModuleService from "../../modules/credentials/service"
import { EMAILPASS_PROVIDER } from "../../workflows/shared/utils/customer-login"
import { listLoginAccounts } from "../../workflows/shared/utils/login-accounts"
import { requestCredentialSettings } from "../utils/request-credential-settings"
import {
  mintAccountSelectionToken,
  mintCustomerToken,
} from "../../workflows/sign-in/utils/mint-customer-token"
import { respondToSignInRefusal } from "../utils/sign-in/respond-to-refusal"
import { readCustomerAuthContexts } from "./customer-auth-context"
import {
  checkLoginGates,
  SignInRefused,
} from "../../workflows/shared/utils/login-gates"
import { refuse } from "../utils/refuse"
import { SESSION_ENDED } from "./session-verdict"
import {
  ACCOUNTS_DISABLED_MESSAGE,
  LOGIN_DISABLED_MESSAGE,
} from "../../messages"
import { isCurrentSession } from "../../workflows/shared/utils/login-sessions"

/**
 * In place of core's `POST /auth/token/refresh` for customers. Core rebuilds
 * the token from the login's own customer, which would turn a B2B login
 * signed in for company A into one acting for its first account, and checks
 * nothing the plugin gates. Here a refresh is checked like a new sign-in
 * (sign-in on, email confirmed, temporary password not expired) and keeps
 * the account chosen at sign-in. The token gate (`gate-customer-token.ts`)
 * ran first: the presented session is current. A login without a customer
 * yet (registration in progress) is left to core.
 */
export const refreshCustomerToken = async (
  req: MedusaRequest,
  res: MedusaResponse,
  next: MedusaNextFunction
) => {
  const { session, bearer } = readCustomerAuthContexts(req)
  const context = session ?? bearer // the order core's authenticate reads them
  if (!context?.auth_identity_id || context.purpose) {
    return next()
  }
  const scope = req.scope
  const identity = await scope
    .resolve(Modules.AUTH)
    .retrieveAuthIdentity(context.auth_identity_id, {
      relations: ["provider_identities"],
    })
  // The gate judged the presented session against the epoch it knew; a
  // change that ended the login's sessions since then must not be carried
  // into the new token (it would take the new epoch and outlive the change).
  if (!isCurrentSession(context.app_metadata, identity.app_metadata)) {
    return refuse(res, SESSION_ENDED)
  }
  const loginCustomerId =
    (identity.app_metadata?.customer_id as string | undefined) ?? null
  if (!loginCustomerId) {
    return next()
  }
  const provider = context.auth_provider ?? EMAILPASS_PROVIDER

  try {
    // No accounts: no token is renewed either (password or SSO).
    if (!(await requestCredentialSettings(req)).customer_accounts_enabled) {
      throw new SignInRefused(
        403,
        "accounts_disabled",
        ACCOUNTS_DISABLED_MESSAGE
      )
    }
    const [credential] = await scope
      .resolve<CredentialsModuleService>(CREDENTIALS_MODULE)
      .listCustomerCredentials(
        { customer_id: loginCustomerId },
        {
          take: 1,
          select: [
            "login_enabled",
            "email_confirmed",
            "temporary_password_expires_at",
          ],
        }
      )
    if (credential) {
      const email = identity.provider_identities?.find(
        (candidate) => candidate.provider === EMAILPASS_PROVIDER
      )?.entity_id
      if (provider === EMAILPASS_PROVIDER && email) {
        await checkLoginGates(
          scope,
          await requestCredentialSettings(req),
          { auth_identity_id: identity.id, email },
          credential,
          new Date()
        )
      } else if (!credential.login_enabled) {
        throw new SignInRefused(401, "login_disabled", LOGIN_DISABLED_MESSAGE)
      }
    }
  } catch (error) {
    if (respondToSignInRefusal(res, error)) {
      return
    }
    throw error
  }

  const accounts = (
    await listLoginAccounts(scope, identity.id, loginCustomerId, {
      names: "when_several",
    })
  ).filter((account) => account.internet_user)

  const chosen = context.actor_id
    ? accounts.find((account) => account.customer_id === context.actor_id)
    : accounts.length === 1
      ? accounts[0]
      : undefined
  if (context.actor_id && !chosen) {
    return refuse(res, SESSION_ENDED)
  }
  if (chosen) {
    const { token } = await mintCustomerToken(
      scope,
      identity,
      chosen.customer_id,
      provider
    )
    return res.json({ token })
  }
  if (!accounts.length) {
    return refuse(res, {
      status: 401,
      code: "login_disabled",
      message: LOGIN_DISABLED_MESSAGE,
    })
  }
  res.json({
    token: await mintAccountSelectionToken(scope, identity, provider),
    account_selection_required: true,
    accounts: accounts.map((account) => ({
      customer_id: account.customer_id,
      name: account.name,
    })),
  })
}
