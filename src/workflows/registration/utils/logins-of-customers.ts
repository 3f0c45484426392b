import type { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"

/**
 * Every login linked to one of the customers (its password login, its single
 * sign-on identities): the auth identities whose `app_metadata.customer_id`
 * names it. One query per customer: the auth module filters a JSON key by one
 * value, not by a list.
 */
export const loginsOfCustomers = async (
  container: MedusaContainer,
  customerIds: string[]
): Promise<{ id: string; app_metadata: Record<string, unknown> | null }[]> => {
  const auth = container.resolve(Modules.AUTH)
  const found = await Promise.all(
    [...new Set(customerIds)].map((customerId) =>
      auth.listAuthIdentities(
        { app_metadata: { customer_id: customerId } } as never,
        { select: ["id", "app_metadata"] }
      )
    )
  )
  return found.flat().map((identity) => ({
    id: identity.id,
    app_metadata: (identity.app_metadata ?? null) as Record<
      string,
      unknown
    > | null,
  }))
}
