import type { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { CREDENTIALS_MODULE } from "../../modules/credentials"
import type CredentialsModuleService from "../../modules/credentials/service"
import { isCurrentSession } from "../../workflows/shared/utils/login-sessions"
import type { CustomerAuthContext } from "./customer-auth-context"
import { EMAILPASS_PROVIDER } from "../../workflows/shared/utils/customer-login"
import { LOGIN_CUSTOMER_KEY } from "../../workflows/sign-in/utils/mint-customer-token"
import type { Refusal } from "../utils/refuse"
import {
  LOGIN_DISABLED_MESSAGE,
  TEMPORARY_PASSWORD_EXPIRED_MESSAGE,
} from "../../messages"

export const SESSION_ENDED: Refusal = {
  status: 401,
  code: "session_ended",
  message:
    "You were signed out: the password changed, sign-in was turned off, or every session was ended. Please sign in again.",
}

const TEMPORARY_PASSWORD_EXPIRED: Refusal = {
  status: 401,
  code: "temporary_password_expired",
  message: TEMPORARY_PASSWORD_EXPIRED_MESSAGE,
}

/**
 * The login's own customer, as the token names it: a token acting for a
 * chosen account keeps it apart (`mint-customer-token.ts`), any other names
 * it as its customer. The token is signed, so the name can be trusted.
 */
const loginCustomerOf = (context: CustomerAuthContext): string | null => {
  const appMetadata = context.app_metadata ?? {}
  const value =
    LOGIN_CUSTOMER_KEY in appMetadata
      ? appMetadata[LOGIN_CUSTOMER_KEY]
      : appMetadata.customer_id
  return typeof value === "string" && value ? value : context.actor_id || null
}

const ACCOUNT_ENDED: Refusal = {
  status: 401,
  code: "session_ended",
  message:
    "Your login may no longer sign in for this account. Please sign in again.",
}

/** What a session that still holds may do. */
export type SessionHolds = {
  /** A temporary password opened it: only changing the password is allowed. */
  must_change_password: boolean
}

/**
 * Whether a customer's token or cookie session still stands for the state of
 * its login: issued since the login's sessions last ended, for an account
 * the login may still sign in for, with sign-in on for that account. The
 * login's identity and the plugin's rows are read at once, in two reads,
 * the first time a login presents a token for an account, and again after
 * any of it changes.
 */
export const judgeCustomerSession = async (
  scope: MedusaContainer,
  context: CustomerAuthContext
): Promise<Refusal | SessionHolds> => {
  const credentials =
    scope.resolve<CredentialsModuleService>(CREDENTIALS_MODULE)
  const key = {
    authIdentityId: context.auth_identity_id,
    actorId: context.actor_id,
    loginCustomerId: loginCustomerOf(context),
  }
  // Read once per login and account, then kept until PostgreSQL announces a
  // change to any of it (`src/modules/credentials/session-states.ts`).
  const { identity, state } = await credentials.readSessionSnapshot(
    key,
    async () => {
      const [identity, state] = await Promise.all([
        scope
          .resolve(Modules.AUTH)
          .listAuthIdentities(
            { id: [context.auth_identity_id] },
            { select: ["id", "app_metadata"] }
          )
          .then((found) => found[0] ?? null),
        context.actor_id ? credentials.readSessionState(key) : null,
      ])
      return { identity, state }
    }
  )
  if (
    !identity ||
    !isCurrentSession(context.app_metadata, identity.app_metadata)
  ) {
    return SESSION_ENDED
  }
  if (!context.actor_id || !state) {
    return { must_change_password: false }
  }
  // As the login's account list: its references, and its own customer
  // unless a reference to it says otherwise.
  const mayActFor =
    state.reference_internet_user === null
      ? identity.app_metadata?.customer_id === context.actor_id
      : state.reference_internet_user
  if (!mayActFor) {
    return ACCOUNT_ENDED
  }
  const rowOf = (customerId: string | null) =>
    state.credentials.find((row) => row.customer_id === customerId)
  const account = rowOf(context.actor_id)
  // The login's own state (its password is one for every account it acts
  // for) is on its own customer's row.
  const login = rowOf(loginCustomerOf(context)) ?? account
  if ((account && !account.login_enabled) || (login && !login.login_enabled)) {
    return {
      status: 401,
      code: "login_disabled",
      message: LOGIN_DISABLED_MESSAGE,
    }
  }
  // A temporary password binds the sessions it opened, not single sign-on.
  if ((context.auth_provider ?? EMAILPASS_PROVIDER) !== EMAILPASS_PROVIDER) {
    return { must_change_password: false }
  }
  if (
    login?.temporary_password_expires_at &&
    new Date(login.temporary_password_expires_at) <= new Date()
  ) {
    return TEMPORARY_PASSWORD_EXPIRED
  }
  return { must_change_password: Boolean(login?.must_change_password) }
}
