import type {
  AuthenticatedMedusaRequest,
  MedusaNextFunction,
  MedusaResponse,
} from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { CREDENTIALS_MODULE } from "../../modules/credentials"
import type CredentialsModuleService from "../../modules/credentials/service"
import type { CustomerPermission } from "../../modules/credentials/types"
import { requestCredentialSettings } from "./request-credential-settings"
import { effectivePermissions } from "../../workflows/shared/utils/login-accounts"
import { refuse } from "./refuse"

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
      return refuse(res, {
        status: 403,
        code: "permission_denied",
        message: `Your login may not ${WHAT[permission]} for this account.`,
      })
    }
    next()
  }

/**
 * Completing a cart that belongs to a B2B account (a customer that logins
 * act for through references) takes a signed-in login acting for that
 * account with "place orders" on: the right cannot be dropped by leaving
 * out the token, nor used through another account's token.
 */
export const requireCartPermission = async (
  req: AuthenticatedMedusaRequest,
  res: MedusaResponse,
  next: MedusaNextFunction
) => {
  const { data: carts } = await req.scope
    .resolve(ContainerRegistrationKeys.QUERY)
    .graph({
      entity: "cart",
      fields: ["id", "customer_id"],
      filters: { id: req.params.id },
    })
  const owner = carts[0]?.customer_id
  const actor = req.auth_context
  const signedInAsOwner =
    actor?.actor_type === "customer" && !!owner && actor.actor_id === owner
  if (owner && !signedInAsOwner) {
    const [reference] = await req.scope
      .resolve<CredentialsModuleService>(CREDENTIALS_MODULE)
      .listCustomerReferences(
        { customer_id: owner },
        { take: 1, select: ["id"] }
      )
    if (reference) {
      return refuse(res, {
        status: 401,
        code: "sign_in_required",
        message:
          "This cart belongs to a business account: sign in for that account to place the order.",
      })
    }
  }
  return requirePermission("place_orders")(req, res, next)
}

/**
 * A route that can include a relation a right covers (`GET
 * /store/customers/me?fields=*orders` returns the account's orders) checks
 * that right when the relation is asked for.
 */
export const requirePermissionForRelation =
  (permission: CustomerPermission, relation: string) =>
  (
    req: AuthenticatedMedusaRequest,
    res: MedusaResponse,
    next: MedusaNextFunction
  ) => {
    // As asked, and as core's query config resolved it (when it ran first).
    const fields = [
      req.query?.fields,
      (req as { queryConfig?: { fields?: string[] } }).queryConfig?.fields,
    ]
      .flat()
      .filter(Boolean)
      .join(",")
    const asked = fields
      .split(",")
      .map(
        (field) =>
          field
            .trim()
            .replace(/^[+\-*]+/, "")
            .split(".")[0]
      )
      .some((name) => name.toLowerCase() === relation)
    if (!asked) {
      return next()
    }
    return requirePermission(permission)(req, res, next)
  }
