import type {
  CustomerUpdatableFields,
  MedusaContainer,
} from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { unlinkedAppMetadata } from "./unproven-passwords"

/** `has_account` is a customer column that Medusa's update type leaves out. */
export const hasAccount = (value: boolean) =>
  ({ has_account: value }) as unknown as CustomerUpdatableFields

/** What a bulk step that creates or links logins must undo. */
export type BulkLoginsUndo = {
  created_auth_identity_ids: string[]
  linked: { id: string; app_metadata: Record<string, unknown> }[]
  has_account_customer_ids: string[]
}

/**
 * The compensation the bulk login steps share: `has_account` back off,
 * created logins deleted, linked ones given their previous app_metadata.
 */
export const undoBulkLogins = async (
  container: MedusaContainer,
  undo: BulkLoginsUndo
) => {
  const auth = container.resolve(Modules.AUTH)
  if (undo.has_account_customer_ids.length) {
    await container
      .resolve(Modules.CUSTOMER)
      .updateCustomers({ id: undo.has_account_customer_ids }, hasAccount(false))
  }
  if (undo.created_auth_identity_ids.length) {
    await auth.deleteAuthIdentities(undo.created_auth_identity_ids)
  }
  if (undo.linked.length) {
    await auth.updateAuthIdentities(
      undo.linked.map((entry) => ({
        id: entry.id,
        app_metadata: unlinkedAppMetadata(entry.app_metadata),
      }))
    )
  }
}
