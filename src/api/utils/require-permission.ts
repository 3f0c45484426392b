import type {
  AuthenticatedMedusaRequest,
  MedusaNextFunction,
  MedusaResponse,
} from "@medusajs/framework/http"
import { CREDENTIALS_MODULE } from "../../modules/credentials"
import type CredentialsModuleService from "../../modules/credentials/service"
import type { CustomerPermission } from "../../modules/credentials/types"
import { requestCredentialSettings } from "./request-credential-settings"
import { effectivePermissions } from "../../workflows/utils/login-accounts"

const WHAT: Record<CustomerPermission, string> = {
  place_orders: "place orders",
  view_orders: "see orders",
  view_invoices: "see invoices",
  view_prices: "see prices",
  change_default_settings: "change account settings",
  manage_addresses: "manage addresses",
}

/**
 * Refuses a signed-in customer's request when a right is off for them: off
 * store-wide, or off on the reference of the login they signed in with.
 */
export const requirePermission =
  (permission: CustomerPermission) =>
  async (
    req: AuthenticatedMedusaRequest,
    res: MedusaResponse,
    next: MedusaNextFunction
  ) => {
    const actor = req.auth_context
    if (actor?.actor_type !== "customer" || !actor.actor_id) {
      return next()
    }
    const settings = await requestCredentialSettings(req)
    const [reference] = actor.auth_identity_id
      ? await req.scope
          .resolve<CredentialsModuleService>(CREDENTIALS_MODULE)
          .listCustomerReferences(
            {
              auth_identity_id: actor.auth_identity_id,
              customer_id: actor.actor_id,
            },
            { take: 1, select: ["permissions"] }
          )
      : []
    const allowed = effectivePermissions(settings, {
      permissions:
        (reference?.permissions as Record<string, boolean> | null) ?? null,
    })
    if (!allowed[permission]) {
      res.status(403).json({
        type: "not_allowed",
        code: "permission_denied",
        message: `Your login may not ${WHAT[permission]} for this account.`,
      })
      return
    }
    next()
  }
