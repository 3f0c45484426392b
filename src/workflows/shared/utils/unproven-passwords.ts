import type {
  IAuthModuleService,
  MedusaContainer,
} from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { CREDENTIALS_MODULE } from "../../../modules/credentials"
import type CredentialsModuleService from "../../../modules/credentials/service"
import { EMAILPASS_PROVIDER } from "./customer-login"
import { findEmailVerification } from "./email-verification"
import {
  endLoginSessions,
  restoreLoginSessions,
  type EndedLoginSessions,
} from "./login-sessions"

/**
 * Never adopt a password the store did not set.
 *
 * Anyone can make a password login for any email with Medusa's own routes
 * (`POST /auth/customer/emailpass/register`, or `/auth/user/…`: emailpass
 * keeps one identity per email, whatever the actor) and never create a
 * customer. When the store later gives that login an account (activation,
 * bulk activation, a B2B reference, single sign-on), the password someone
 * chose for it proves nothing: it is removed and the login's sessions end.
 * The owner of the email sets a password with the link the store emails
 * (activation or "Forgot password").
 *
 * A password is proven when the store set it (generate, manual entry, the
 * activation link, a new login's random one: marked in the login's
 * `provider_metadata`, which core's emailpass keeps through later changes,
 * so a reset or the person's own change of a proven password stays proven),
 * or when the person proved the email (confirmation, reset link, SSO).
 *
 * The rules live here; the steps that link logins or set passwords call them.
 */

/**
 * `provider_metadata` key: the login's password was set by this store, or
 * derives from one (core's emailpass `update` keeps the other keys when a
 * reset or the person changes the password; a registration makes a new
 * identity without it).
 */
export const STORE_SET_PASSWORD = "password_set_by_store"

/** Marks the passwords of the logins (auth identity ids) as set by the store. */
export const markStoreSetPasswords = async (
  auth: IAuthModuleService,
  authIdentityIds: string[]
): Promise<void> => {
  if (!authIdentityIds.length) {
    return
  }
  const providerIdentities = await auth.listProviderIdentities(
    {
      provider: EMAILPASS_PROVIDER,
      // An array is an IN filter; the filter's type only names one value.
      auth_identity_id: authIdentityIds as never,
    },
    { select: ["id"] }
  )
  if (!providerIdentities.length) {
    return
  }
  await auth.updateProviderIdentities(
    providerIdentities.map((pi) => ({
      id: pi.id,
      provider_metadata: { [STORE_SET_PASSWORD]: true },
    }))
  )
}

/**
 * The `provider_metadata` to write back in a compensation. The auth module
 * merges JSON columns on update, so a password or mark the step added and
 * the previous value did not have is named, undefined, to go.
 */
export const restorableProviderMetadata = (
  previous: Record<string, unknown> | null | undefined
): Record<string, unknown> => ({
  ...previous,
  password: previous?.password ?? undefined,
  [STORE_SET_PASSWORD]: previous?.[STORE_SET_PASSWORD] ?? undefined,
})

/** A password login as the steps know it. */
export type LoginToClear = {
  auth_identity_id: string
  provider_identity_id: string
}

/**
 * A login that acts for nobody: no `customer_id`, no other actor (an admin
 * user's `user_id`, a custom actor's `<actor>_id`). Its password is whatever
 * the person who registered it typed. A login of another actor was made by
 * the store (an admin user accepted an invite) and is left as it is.
 */
export const actsForNobody = (
  appMetadata: Record<string, unknown> | null | undefined
): boolean =>
  !Object.entries(appMetadata ?? {}).some(
    ([key, value]) =>
      key.endsWith("_id") && typeof value === "string" && !!value
  )

/**
 * Whether a customer's registration may take the login over: it acts for
 * nobody (no actor id, no B2B reference, no single sign-on identity beside
 * its password) and nobody proved its password (the store did not set it,
 * its email is not confirmed). Anyone can make such a login for any email
 * (`/auth/{any actor}/emailpass/register`) and so keep its owner from
 * registering; registration removes it instead.
 */
export const isUnprovenOrphanLogin = async (
  container: MedusaContainer,
  login: {
    auth_identity_id: string
    email: string
    app_metadata: Record<string, unknown> | null | undefined
    provider_metadata: Record<string, unknown> | null | undefined
  }
): Promise<boolean> => {
  if (
    !actsForNobody(login.app_metadata) ||
    login.provider_metadata?.[STORE_SET_PASSWORD] === true
  ) {
    return false
  }
  const [providerIdentities, references, verification] = await Promise.all([
    container
      .resolve(Modules.AUTH)
      .listProviderIdentities(
        { auth_identity_id: login.auth_identity_id },
        { select: ["id", "provider"] }
      ),
    container
      .resolve<CredentialsModuleService>(CREDENTIALS_MODULE)
      .listCustomerReferences(
        { auth_identity_id: login.auth_identity_id },
        { take: 1, select: ["id"] }
      ),
    findEmailVerification(container, login.auth_identity_id, login.email),
  ])
  return (
    providerIdentities.every((pi) => pi.provider === EMAILPASS_PROVIDER) &&
    !references.length &&
    !verification?.verified_at
  )
}

/**
 * Whether a login's password may be kept when the store lets the login act
 * for one more customer account, or links it to a single sign-on identity:
 * the login signs in as a customer of this store, and its password is
 * proven: the store set it (`STORE_SET_PASSWORD`), or the person proved the
 * email (core's verification record is verified: the confirmation link, an
 * activation or reset link, SSO or the admin's switch). The plugin's
 * "Email confirmed" switch alone proves nothing: a row starts confirmed when
 * the store asks no confirmation at registration, and for a login older than
 * the plugin, and neither proves who chose the password.
 */
export const hasProvenPassword = async (
  container: MedusaContainer,
  login: {
    auth_identity_id: string
    provider_identity_id: string
    email: string
    customer_id: string | null
  }
): Promise<boolean> => {
  if (!login.customer_id) {
    return false
  }
  const auth = container.resolve(Modules.AUTH)
  const [providerIdentity] = await auth.listProviderIdentities(
    { id: [login.provider_identity_id] },
    { select: ["id", "provider_metadata"] }
  )
  if (providerIdentity?.provider_metadata?.[STORE_SET_PASSWORD] === true) {
    return true
  }
  const verification = await findEmailVerification(
    container,
    login.auth_identity_id,
    login.email
  )
  return Boolean(verification?.verified_at)
}

/** What `clearLoginPasswords` changed, for its compensation. */
export type ClearedLoginPasswords = {
  provider_identities: {
    id: string
    provider_metadata: Record<string, unknown>
  }[]
  ended_sessions: EndedLoginSessions
}

/**
 * Removes the logins' passwords (`provider_metadata.password`, through the
 * auth module) and ends their sessions. Emailpass then refuses every
 * password for them, and the plugin's sign-in answers as for a wrong one;
 * core's reset and the activation link set a new password.
 *
 * Call it after linking the login: linking writes the login's metadata, and
 * ending the sessions must be the last write to it.
 */
export const clearLoginPasswords = async (
  container: MedusaContainer,
  logins: LoginToClear[]
): Promise<ClearedLoginPasswords> => {
  if (!logins.length) {
    return { provider_identities: [], ended_sessions: [] }
  }
  const auth = container.resolve(Modules.AUTH)
  const providerIdentities = await auth.listProviderIdentities(
    { id: logins.map((login) => login.provider_identity_id) },
    { select: ["id", "provider_metadata"] }
  )
  const withPassword = providerIdentities.filter(
    (pi) =>
      typeof pi.provider_metadata?.password === "string" ||
      pi.provider_metadata?.[STORE_SET_PASSWORD] !== undefined
  )
  if (withPassword.length) {
    // The auth module merges JSON columns on update: the key must be named
    // to go; undefined drops it from the stored JSON.
    await auth.updateProviderIdentities(
      withPassword.map((pi) => ({
        id: pi.id,
        provider_metadata: {
          ...pi.provider_metadata,
          password: undefined,
          [STORE_SET_PASSWORD]: undefined,
        },
      }))
    )
  }
  const ended = await endLoginSessions(
    container,
    logins.map((login) => login.auth_identity_id)
  )
  return {
    provider_identities: withPassword.map((pi) => ({
      id: pi.id,
      provider_metadata: pi.provider_metadata ?? {},
    })),
    ended_sessions: ended,
  }
}

/** Compensation only: the passwords and sessions `clearLoginPasswords` ended. */
export const restoreLoginPasswords = async (
  container: MedusaContainer,
  cleared: ClearedLoginPasswords
): Promise<void> => {
  const auth = container.resolve(Modules.AUTH)
  await restoreLoginSessions(container, cleared.ended_sessions)
  if (cleared.provider_identities.length) {
    await auth.updateProviderIdentities(
      cleared.provider_identities.map((pi) => ({
        id: pi.id,
        provider_metadata: restorableProviderMetadata(pi.provider_metadata),
      }))
    )
  }
}

/**
 * The app_metadata to write back when a link is undone. The auth module
 * merges JSON columns, so writing the previous value alone would keep the
 * `customer_id` the link added: it is named, undefined, to go.
 */
export const unlinkedAppMetadata = (
  previous: Record<string, unknown> | null | undefined
): Record<string, unknown> => ({
  ...previous,
  customer_id: previous?.customer_id ?? undefined,
})
