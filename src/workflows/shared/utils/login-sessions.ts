import type { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { CREDENTIALS_MODULE } from "../../../modules/credentials"
import type CredentialsModuleService from "../../../modules/credentials/service"

/**
 * A login's sessions are the tokens and cookie sessions issued for it. Each
 * carries a copy of the auth identity's `app_metadata` from the moment it was
 * issued (core's `generateJwtTokenForAuthIdentity` puts it in every token,
 * whoever issues it), so the login's current session epoch, kept there, is in
 * every token issued since it was set. Ending the login's sessions sets a new
 * epoch: every token issued before no longer matches and is refused wherever
 * it is presented (`src/api/utils/gate-customer-token.ts`), refresh included.
 *
 * This file is the only writer of the epoch.
 */
export const SESSION_EPOCH_KEY = "session_epoch"

export type SessionEpoch = number | null

export const sessionEpochOf = (
  appMetadata: Record<string, unknown> | null | undefined
): SessionEpoch => {
  const value = appMetadata?.[SESSION_EPOCH_KEY]
  return typeof value === "number" ? value : null
}

/** Whether a token (its `app_metadata`) belongs to the login's current sessions. */
export const isCurrentSession = (
  tokenAppMetadata: Record<string, unknown> | null | undefined,
  identityAppMetadata: Record<string, unknown> | null | undefined
): boolean =>
  sessionEpochOf(tokenAppMetadata) === sessionEpochOf(identityAppMetadata)

/** What `endLoginSessions` replaced, for a compensation to put back. */
export type EndedLoginSessions = { id: string; epoch: SessionEpoch }[]

/**
 * Ends every session of the given logins. Returns the epochs it replaced, for
 * `restoreLoginSessions` when the change that ended them is undone.
 */
export const endLoginSessions = async (
  container: MedusaContainer,
  authIdentityIds: string[]
): Promise<EndedLoginSessions> => {
  const ids = [...new Set(authIdentityIds.filter(Boolean))]
  if (!ids.length) {
    return []
  }
  const auth = container.resolve(Modules.AUTH)
  const identities = await auth.listAuthIdentities(
    { id: ids },
    { select: ["id", "app_metadata"] }
  )
  const now = Date.now()
  await auth.updateAuthIdentities(
    identities.map((identity) => {
      const previous = sessionEpochOf(identity.app_metadata)
      return {
        id: identity.id,
        app_metadata: {
          ...identity.app_metadata,
          // Always a new value, even within the same millisecond.
          [SESSION_EPOCH_KEY]:
            previous !== null && previous >= now ? previous + 1 : now,
        },
      }
    })
  )
  await announce(container, ids)
  return identities.map((identity) => ({
    id: identity.id,
    epoch: sessionEpochOf(identity.app_metadata),
  }))
}

/** Puts back the epochs `endLoginSessions` replaced (compensation only). */
export const restoreLoginSessions = async (
  container: MedusaContainer,
  ended: EndedLoginSessions
): Promise<void> => {
  if (!ended.length) {
    return
  }
  const auth = container.resolve(Modules.AUTH)
  const identities = await auth.listAuthIdentities(
    { id: ended.map((entry) => entry.id) },
    { select: ["id", "app_metadata"] }
  )
  const epochs = new Map(ended.map((entry) => [entry.id, entry.epoch]))
  await auth.updateAuthIdentities(
    identities.map((identity) => {
      const { [SESSION_EPOCH_KEY]: _current, ...rest } =
        identity.app_metadata ?? {}
      const epoch = epochs.get(identity.id)
      return {
        id: identity.id,
        // The auth module merges JSON columns on update: a key left out
        // stays, so "no epoch" is written as the key set to undefined.
        app_metadata: {
          ...rest,
          [SESSION_EPOCH_KEY]: epoch ?? undefined,
        },
      }
    })
  )
  await announce(
    container,
    ended.map((entry) => entry.id)
  )
}

/**
 * Every server instance forgets what its token gate kept of these logins
 * (`src/modules/credentials/session-states.ts`): the epoch lives in the auth
 * module, where no trigger of the plugin announces its change.
 */
const announce = (container: MedusaContainer, authIdentityIds: string[]) =>
  container
    .resolve<CredentialsModuleService>(CREDENTIALS_MODULE)
    .announceLoginChanges(authIdentityIds)

/** Deletes logins: their sessions end with them, on every server instance. */
export const deleteLogins = async (
  container: MedusaContainer,
  authIdentityIds: string[]
): Promise<void> => {
  const ids = [...new Set(authIdentityIds.filter(Boolean))]
  if (!ids.length) {
    return
  }
  await container.resolve(Modules.AUTH).deleteAuthIdentities(ids)
  await announce(container, ids)
}
