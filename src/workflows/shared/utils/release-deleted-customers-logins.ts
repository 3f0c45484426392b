import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { CREDENTIALS_MODULE } from "../../../modules/credentials"
import type CredentialsModuleService from "../../../modules/credentials/service"
import { EMAILPASS_PROVIDER } from "./customer-login"
import { deleteLogins } from "./login-sessions"
import { loginsOfCustomers } from "../../registration/utils/logins-of-customers"
import { actsForNobody } from "./unproven-passwords"

/**
 * What the plugin keeps for a customer an admin deletes, let go
 * (`src/api/admin/release-customer-logins.ts`): the sessions of every login
 * that acted for it end before core deletes it, and what is left is tidied
 * after. Core's `removeCustomerAccountWorkflow` handles one login per
 * customer and keeps one holding any other key (such as the plugin's session
 * epoch), leaving its link `null`, which its own linking step then refuses
 * to replace: the plugin removes the link and deletes the logins left acting
 * for nobody.
 */
/**
 * Every login that acts for one of the customers: linked to it (its
 * password login, its single sign-on identities), its email's password
 * login, and the B2B people who act for it. Read before the deletion: core
 * unlinks or deletes one of them on its way.
 */
export const loginsActingFor = async (
  container: MedusaContainer,
  customerIds: string[]
): Promise<string[]> => {
  const ids = [...new Set(customerIds)]
  if (!ids.length) {
    return []
  }
  const auth = container.resolve(Modules.AUTH)
  const { data: customers } = await container
    .resolve(ContainerRegistrationKeys.QUERY)
    .graph({
      entity: "customer",
      fields: ["id", "email"],
      filters: { id: ids },
      withDeleted: true,
    })
  const emails = customers
    .map((customer) => customer.email)
    .filter((email): email is string => !!email)
  const [linked, byEmail, references] = await Promise.all([
    loginsOfCustomers(container, ids),
    emails.length
      ? auth.listProviderIdentities(
          { provider: EMAILPASS_PROVIDER, entity_id: emails } as never,
          { select: ["auth_identity_id"] }
        )
      : [],
    container
      .resolve<CredentialsModuleService>(CREDENTIALS_MODULE)
      .listCustomerReferences(
        { customer_id: ids },
        { select: ["auth_identity_id"] }
      ),
  ])
  return [
    ...new Set([
      ...linked.map((identity) => identity.id),
      ...byEmail.map((pi) => pi.auth_identity_id!),
      ...references.map((reference) => reference.auth_identity_id),
    ]),
  ].filter(Boolean)
}

/**
 * After the customers were deleted: their credential rows and references go,
 * and the logins that acted for them (`loginIds`, read before the deletion)
 * lose their link to them, and are deleted when they now act for nobody and
 * are no company's reference.
 */
export const releaseDeletedCustomersLogins = async (
  container: MedusaContainer,
  customerIds: string[],
  loginIds: string[]
): Promise<{ deleted: string[] }> => {
  const ids = [...new Set(customerIds)]
  const credentials =
    container.resolve<CredentialsModuleService>(CREDENTIALS_MODULE)
  const auth = container.resolve(Modules.AUTH)

  const [rows, references] = await Promise.all([
    credentials.listCustomerCredentials(
      { customer_id: ids },
      { select: ["id"] }
    ),
    credentials.listCustomerReferences(
      { customer_id: ids },
      { select: ["id"] }
    ),
  ])
  await credentials.softDeleteCustomerCredentials(rows.map((row) => row.id))
  await credentials.softDeleteCustomerReferences(
    references.map((reference) => reference.id)
  )
  if (!loginIds.length) {
    return { deleted: [] }
  }

  const deleted = new Set(ids)
  const identities = await auth.listAuthIdentities(
    { id: loginIds },
    { select: ["id", "app_metadata"] }
  )
  // A link to a deleted customer is no link: the key goes (core leaves
  // `null` when it keeps a login, which its own linking step then takes
  // for a link and refuses to replace). The auth module merges JSON
  // columns on update: the key must be named, undefined drops it.
  const unlinked = identities.filter((identity) => {
    const linkedTo = identity.app_metadata?.customer_id
    return linkedTo === null || deleted.has(linkedTo as string)
  })
  if (unlinked.length) {
    await auth.updateAuthIdentities(
      unlinked.map((identity) => ({
        id: identity.id,
        app_metadata: { ...identity.app_metadata, customer_id: undefined },
      }))
    )
  }
  const stillReferenced = new Set(
    (
      await credentials.listCustomerReferences(
        { auth_identity_id: loginIds },
        { select: ["auth_identity_id"] }
      )
    ).map((reference) => reference.auth_identity_id)
  )
  const orphans = identities
    .filter(
      (identity) =>
        !stillReferenced.has(identity.id) &&
        actsForNobody({
          ...identity.app_metadata,
          customer_id: deleted.has(identity.app_metadata?.customer_id as string)
            ? null
            : identity.app_metadata?.customer_id,
        })
    )
    .map((identity) => identity.id)
  await deleteLogins(container, orphans)
  return { deleted: orphans }
}
