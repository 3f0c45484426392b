import { authenticate, type MiddlewareRoute } from "@medusajs/framework/http"
import { validateBody } from "../utils/validate-body"
import {
  requireCartPermission,
  requirePermission,
  requirePermissionForRelation,
} from "../utils/require-permission"
import { StoreChooseAccount } from "./credentials/validators"

/** B2B: choosing an account, and the rights the server enforces. */
export const b2bStoreMiddlewares: MiddlewareRoute[] = [
  {
    method: ["POST"],
    matcher: "/store/credentials/select-account",
    middlewares: [
      authenticate("customer", ["bearer"], { allowUnregistered: true }),
      validateBody(StoreChooseAccount),
    ],
  },
  {
    method: ["POST"],
    matcher: "/store/credentials/switch-account",
    middlewares: [
      authenticate("customer", ["bearer", "session"]),
      validateBody(StoreChooseAccount),
    ],
  },
  {
    method: ["GET"],
    matcher: "/store/credentials/me",
    middlewares: [authenticate("customer", ["bearer", "session"])],
  },
  {
    method: ["POST"],
    matcher: "/store/carts/:id/complete",
    middlewares: [requireCartPermission],
  },
  {
    method: ["GET"],
    matcher: "/store/orders",
    middlewares: [requirePermission("view_orders")],
  },
  {
    method: ["GET"],
    matcher: "/store/orders/:id",
    middlewares: [requirePermission("view_orders")],
  },
  {
    method: ["POST"],
    matcher: "/store/customers/me/password",
    middlewares: [requirePermission("change_default_settings")],
  },
  {
    method: ["POST"],
    matcher: "/store/customers/me",
    middlewares: [requirePermission("change_default_settings")],
  },
  // The account's orders through the customer's own fields.
  {
    method: ["GET", "POST"],
    matcher: "/store/customers/me",
    middlewares: [requirePermissionForRelation("view_orders", "orders")],
  },
  {
    method: ["POST", "DELETE"],
    matcher: "/store/customers/me/addresses*",
    middlewares: [requirePermission("manage_addresses")],
  },
]
