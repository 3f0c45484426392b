import type { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { CREDENTIALS_MODULE } from "../../../modules/credentials"
import type CredentialsModuleService from "../../../modules/credentials/service"

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
