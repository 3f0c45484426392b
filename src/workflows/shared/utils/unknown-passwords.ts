import type { IAuthModuleService } from "@medusajs/framework/types"
import { createHash } from "node:crypto"
import { EMAILPASS_PROVIDER } from "./customer-login"

/**
 * "Has password" for a login whose password nobody knows.
 *
 * A login the store makes without a password (a B2B reference for a new
 * email, backoffice activation) gets a random one nobody ever sees, because
 * core's emailpass needs one. The admin must still see that the person has
 * no password yet. The login's `provider_metadata` keeps a digest of that
 * random password's hash (never the hash itself, never the password): any
 * later password (a reset, the activation link, an admin's, generated
 * credentials, the person's own change) has another hash, so the digest no
 * longer matches. Core's emailpass keeps the other keys of
 * `provider_metadata` when the password changes.
 */
export const UNKNOWN_PASSWORD_DIGEST = "unknown_password_digest"

const digestOf = (hash: string) =>
  createHash("sha256").update(hash).digest("hex")

/** Marks the logins' current passwords as ones nobody knows. */
export const markUnknownPasswords = async (
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
    { select: ["id", "provider_metadata"] }
  )
  const marked = providerIdentities.filter(
    (pi) => typeof pi.provider_metadata?.password === "string"
  )
  if (!marked.length) {
    return
  }
  await auth.updateProviderIdentities(
    marked.map((pi) => ({
      id: pi.id,
      provider_metadata: {
        [UNKNOWN_PASSWORD_DIGEST]: digestOf(
          pi.provider_metadata!.password as string
        ),
      },
    }))
  )
}

/**
 * Whether the person behind a login has a password they know: the login has
 * a password, and it is not the random one the store gave it.
 */
export const knowsPassword = (
  providerMetadata: Record<string, unknown> | null | undefined
): boolean => {
  const password = providerMetadata?.password
  if (typeof password !== "string") {
    return false
  }
  const unknown = providerMetadata?.[UNKNOWN_PASSWORD_DIGEST]
  return typeof unknown !== "string" || unknown !== digestOf(password)
}
