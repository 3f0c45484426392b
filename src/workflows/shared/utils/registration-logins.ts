import type { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { EMAILPASS_PROVIDER } from "./customer-login"
import { isUnprovenOrphanLogin } from "./unproven-passwords"

/**
 * The lock every registration of an email runs under (the plugin's route,
 * `POST /store/customers`, and the stock `/auth/customer/emailpass/register`
 * while it looks at the email's logins). Any case of the email is one key.
 */
export const registrationLockKey = (email: string) =>
  `customer-credentials:register:${email.trim().toLowerCase()}`

/**
 * A filter matching the text itself in any case: an ILIKE pattern with the
 * pattern characters (`\`, `%`, `_`, common in emails) escaped.
 */
export const anyCase = (text: string) =>
  ({ $ilike: text.replace(/[\\%_]/g, (c) => `\\${c}`) }) as unknown as string

/** A password login as registration weighs it. */
export type RegistrationLogin = {
  auth_identity_id: string
  provider_identity_id: string
  /** As stored: emailpass compares emails exactly, registration in any case. */
  email: string
  customer_id: string | null
  app_metadata: Record<string, unknown>
  provider_metadata: Record<string, unknown>
}

/** What registration finds for an email, in any case. */
export type RegistrationLogins = {
  /** The login registering (the stock flow made it already), if found. */
  own: RegistrationLogin | null
  /**
   * Logins of someone: a customer, another actor (an admin), a B2B login,
   * or a password the store set or the person proved. Registration refuses.
   */
  taken: RegistrationLogin[]
  /**
   * Logins that act for nobody with a password nobody proved (anyone can
   * make one with `/auth/{any actor}/emailpass/register`): registration
   * removes them and makes the registrant's own.
   */
  orphans: RegistrationLogin[]
}

/**
 * The emailpass logins whose email is this one in any case (core's emailpass
 * keeps `Ann@example.com` and `ann@example.com` apart), sorted into the
 * registrant's own, someone's, and unproven orphans.
 */
export const weighRegistrationLogins = async (
  container: MedusaContainer,
  email: string,
  ownAuthIdentityId: string | null
): Promise<RegistrationLogins> => {
  const providerIdentities = await container
    .resolve(Modules.AUTH)
    .listProviderIdentities(
      { provider: EMAILPASS_PROVIDER, entity_id: anyCase(email.trim()) },
      {
        select: [
          "id",
          "entity_id",
          "provider_metadata",
          "auth_identity.id",
          "auth_identity.app_metadata",
        ],
        relations: ["auth_identity"],
      }
    )
  const result: RegistrationLogins = { own: null, taken: [], orphans: [] }
  for (const providerIdentity of providerIdentities) {
    const appMetadata = providerIdentity.auth_identity?.app_metadata ?? {}
    const login: RegistrationLogin = {
      auth_identity_id: providerIdentity.auth_identity!.id,
      provider_identity_id: providerIdentity.id,
      email: providerIdentity.entity_id,
      customer_id: (appMetadata.customer_id as string) || null,
      app_metadata: appMetadata,
      provider_metadata: providerIdentity.provider_metadata ?? {},
    }
    if (login.auth_identity_id === ownAuthIdentityId) {
      result.own = login
    } else if (await isUnprovenOrphanLogin(container, login)) {
      result.orphans.push(login)
    } else {
      result.taken.push(login)
    }
  }
  return result
}
