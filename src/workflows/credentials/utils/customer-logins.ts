import type { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { CREDENTIALS_MODULE } from "../../../modules/credentials"
import type CredentialsModuleService from "../../../modules/credentials/service"
import { EMAILPASS_PROVIDER } from "../../shared/utils/customer-login"
import { anyCase } from "../../shared/utils/registration-logins"

/**
 * Every login that can open a session for a customer account: the logins
 * made for it (its password login and the single sign-on identities linked
 * to it, which carry `app_metadata.customer_id`) and, for a B2B account, the
 * logins of its references.
 */
export const listCustomerLoginIds = async (
  container: MedusaContainer,
  customerId: string
): Promise<string[]> => {
  const [own, references] = await Promise.all([
    container
      .resolve(Modules.AUTH)
      .listAuthIdentities(
        { app_metadata: { customer_id: customerId } } as never,
        { select: ["id"] }
      ),
    container
      .resolve<CredentialsModuleService>(CREDENTIALS_MODULE)
      .listCustomerReferences(
        { customer_id: customerId },
        { select: ["auth_identity_id"] }
      ),
  ])
  return [
    ...new Set([
      ...own.map((identity) => identity.id),
      ...references.map((reference) => reference.auth_identity_id),
    ]),
  ]
}

/** A customer's own password login, as an email change moves it. */
export type OwnEmailLogin = {
  auth_identity_id: string
  provider_identity_id: string
  /** As stored (core's emailpass compares emails exactly). */
  email: string
}

/**
 * The customer's own password login: the emailpass identity for the
 * customer's email (in any case) whose auth identity signs in as this
 * customer. A B2B reference's person (another email, acting for the
 * customer through a reference) is not it; null without a login.
 */
export const findOwnEmailLogin = async (
  container: MedusaContainer,
  customer: { id: string; email?: string | null }
): Promise<OwnEmailLogin | null> => {
  if (!customer.email) {
    return null
  }
  const providerIdentities = await container
    .resolve(Modules.AUTH)
    .listProviderIdentities(
      { provider: EMAILPASS_PROVIDER, entity_id: anyCase(customer.email) },
      {
        select: [
          "id",
          "entity_id",
          "auth_identity.id",
          "auth_identity.app_metadata",
        ],
        relations: ["auth_identity"],
      }
    )
  const own = providerIdentities.find(
    (identity) =>
      identity.auth_identity?.app_metadata?.customer_id === customer.id
  )
  return own
    ? {
        auth_identity_id: own.auth_identity!.id,
        provider_identity_id: own.id,
        email: own.entity_id,
      }
    : null
}

/** The emailpass logins for an email in any case (core keeps cases apart). */
export const findEmailpassLoginsAnyCase = async (
  container: MedusaContainer,
  email: string
): Promise<{ provider_identity_id: string; email: string }[]> =>
  (
    await container
      .resolve(Modules.AUTH)
      .listProviderIdentities(
        { provider: EMAILPASS_PROVIDER, entity_id: anyCase(email) },
        { select: ["id", "entity_id"] }
      )
  ).map((identity) => ({
    provider_identity_id: identity.id,
    email: identity.entity_id,
  }))
