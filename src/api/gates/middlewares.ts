import type { MiddlewareRoute } from "@medusajs/framework/http"
import { gateAuthRoutes } from "./gate-auth-routes"
import { gateCustomerToken } from "./gate-customer-token"
import { gateStoreCustomerCreate } from "./gate-store-customer-create"

/**
 * The enforcement point: middlewares without a method run before every
 * route middleware and handler (Medusa sorts them first), on every path
 * under the prefix whatever its spelling, as Express's `app.use` matches.
 */
export const gateMiddlewares: MiddlewareRoute[] = [
  { matcher: "/store/*", middlewares: [gateCustomerToken] },
  { matcher: "/auth/*", middlewares: [gateCustomerToken, gateAuthRoutes] },
  // Core's route, the same matcher: every spelling core routes reaches it.
  {
    method: ["POST"],
    matcher: "/store/customers",
    middlewares: [gateStoreCustomerCreate],
  },
]
