import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { CREDENTIALS_MODULE } from "../../../modules/credentials"
import type CredentialsModuleService from "../../../modules/credentials/service"
import {
  CUSTOMER_PERMISSIONS,
  type CredentialSettingsValues,
  type CustomerPermission,
} from "../../../modules/credentials/types"

/** One customer account a login may act for. */
export type LoginAccount = {
  customer_id: string
  name: string
  internet_user: boolean
  permissions: Record<string, boolean> | null
  reference_id: string | null
}

/** What an account list needs of a B2B reference row. */
export type LoginReference = {
  id: string
  customer_id: string
  internet_user: boolean
  permissions: unknown
}

/**
 * The accounts of a login: its B2B references, plus the customer the login
 * was made for (core's `app_metadata.customer_id`) when no reference names it.
 */
export const listLoginAccounts = async (
  container: MedusaContainer,
  authIdentityId: string,
  primaryCustomerId: string | null,
  options: {
    /**
     * "when_several": a login with one account (most of them) skips the
     * customer read; the name only serves the account choice.
     */
    names?: "always" | "when_several"
    /** The login's references, when the caller read them already. */
    references?: LoginReference[]
  } = {}
): Promise<LoginAccount[]> => {
  const references: LoginReference[] =
    options.references ??
    (await container
      .resolve<CredentialsModuleService>(CREDENTIALS_MODULE)
      .listCustomerReferences(
        { auth_identity_id: authIdentityId },
        { order: { created_at: "ASC" } }
      ))
  const accounts: Omit<LoginAccount, "name">[] = references.map(
    (reference) => ({
      customer_id: reference.customer_id,
      internet_user: reference.internet_user,
      permissions:
        (reference.permissions as Record<string, boolean> | null) ?? null,
      reference_id: reference.id,
    })
  )
  if (
    primaryCustomerId &&
    !accounts.some((account) => account.customer_id === primaryCustomerId)
  ) {
    accounts.unshift({
      customer_id: primaryCustomerId,
      internet_user: true,
      permissions: null,
      reference_id: null,
    })
  }
  if (!accounts.length) {
    return []
  }
  if (options.names === "when_several" && accounts.length === 1) {
    return [{ ...accounts[0], name: "" }]
  }

  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data: customers } = await query.graph({
    entity: "customer",
    fields: ["id", "company_name", "first_name", "last_name", "email"],
    filters: { id: accounts.map((account) => account.customer_id) },
  })
  const names = new Map(
    customers.map((customer) => [
      customer.id,
      customer.company_name ||
        [customer.first_name, customer.last_name].filter(Boolean).join(" ") ||
        customer.email ||
        customer.id,
    ])
  )
  return accounts
    .filter((account) => names.has(account.customer_id))
    .map((account) => ({ ...account, name: names.get(account.customer_id)! }))
}

/** A right holds when it is on store-wide and on for the login's reference. */
export const effectivePermissions = (
  settings: CredentialSettingsValues,
  account: Pick<LoginAccount, "permissions"> | null
): Record<CustomerPermission, boolean> =>
  Object.fromEntries(
    CUSTOMER_PERMISSIONS.map((permission) => [
      permission,
      settings.permissions[permission] &&
        (account?.permissions?.[permission] ?? true),
    ])
  ) as Record<CustomerPermission, boolean>
