import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { CREDENTIALS_MODULE } from "../../modules/credentials"
import type CredentialsModuleService from "../../modules/credentials/service"
import { EMAILPASS_PROVIDER } from "../utils/customer-login"
import { deleteLogins, endLoginSessions } from "../utils/login-sessions"
import { actsForNobody } from "../utils/unproven-passwords"

export const releaseDeletedCustomersLoginsStepId =
  "release-deleted-customers-logins"

/**
 * After core deleted customers (`removeCustomerAccountWorkflow`, which
 * handles one login per customer and keeps it when its `app_metadata` holds
 * any other non-null key, such as the plugin's session epoch):
 * - the customers' credential rows and B2B references go (their triggers
 *   tell every server instance, so no kept session state outlives them);
 * - every login that still acted for them (its email's password login, its
 *   single sign-on identities) has its sessions ended, and is deleted when
 *   it now acts for nobody and is no company's reference, as core would
 *   have deleted it without the plugin's keys.
 * Runs after the deletion committed (`customer.deleted`): nothing to undo.
 */
export const releaseDeletedCustomersLoginsStep = createStep(
  releaseDeletedCustomersLoginsStepId,
  async (input: { customer_ids: string[] }, { container }) => {
    const ids = [...new Set(input.customer_ids)]
    if (!ids.length) {
      return new StepResponse({ ended: [], deleted: [] })
    }
    const credentials =
      container.resolve<CredentialsModuleService>(CREDENTIALS_MODULE)
    const auth = container.resolve(Modules.AUTH)
    const query = container.resolve(ContainerRegistrationKeys.QUERY)

    const [rows, references] = await Promise.all([
      credentials.listCustomerCredentials(
        { customer_id: ids },
        { select: ["id"] }
      ),
      credentials.listCustomerReferences(
        { customer_id: ids },
        { select: ["id", "auth_identity_id"] }
      ),
    ])
    await credentials.softDeleteCustomerCredentials(rows.map((row) => row.id))
    await credentials.softDeleteCustomerReferences(
      references.map((reference) => reference.id)
    )

    // The logins that acted for the customers: by link, and by email (core
    // unlinked or deleted the password login before this ran).
    const { data: customers } = await query.graph({
      entity: "customer",
      fields: ["id", "email"],
      filters: { id: ids },
      withDeleted: true,
    })
    const emails = customers
      .map((customer) => customer.email)
      .filter((email): email is string => !!email)
    const [linked, byEmail] = await Promise.all([
      auth.listAuthIdentities({ app_metadata: { customer_id: ids } } as never, {
        select: ["id", "app_metadata"],
      }),
      emails.length
        ? auth.listProviderIdentities(
            { provider: EMAILPASS_PROVIDER, entity_id: emails } as never,
            { select: ["auth_identity_id"] }
          )
        : [],
    ])
    const loginIds = [
      ...new Set([
        ...linked.map((identity) => identity.id),
        ...byEmail.map((pi) => pi.auth_identity_id!),
        ...references.map((reference) => reference.auth_identity_id),
      ]),
    ].filter(Boolean)
    if (!loginIds.length) {
      return new StepResponse({ ended: [], deleted: [] })
    }

    const deleted = new Set(ids)
    const identities = await auth.listAuthIdentities(
      { id: loginIds },
      { select: ["id", "app_metadata"] }
    )
    // A link to a deleted customer is no link.
    const unlinked = identities.filter((identity) =>
      deleted.has(identity.app_metadata?.customer_id as string)
    )
    if (unlinked.length) {
      await auth.updateAuthIdentities(
        unlinked.map((identity) => ({
          id: identity.id,
          app_metadata: { ...identity.app_metadata, customer_id: null },
        }))
      )
    }
    await endLoginSessions(container, loginIds)

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
            customer_id: deleted.has(
              identity.app_metadata?.customer_id as string
            )
              ? null
              : identity.app_metadata?.customer_id,
          })
      )
      .map((identity) => identity.id)
    await deleteLogins(container, orphans)
    return new StepResponse({ ended: loginIds, deleted: orphans })
  }
)
