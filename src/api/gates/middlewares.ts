import { authenticate, type MiddlewareRoute } from "@medusajs/framework/http"
import { gateAuthRoutes } from "./gate-auth-routes"
import { gateCustomerToken } from "./gate-customer-token"
import { gateStoreCustomerCreate } from "./gate-store-customer-create"
import { gateVerificationConfirm } from "./gate-verification-confirm"
import { refuseMalformedPath } from "./refuse-malformed-path"
import {
  gateVerificationRequest,
  limitVerificationRequests,
} from "./gate-verification-request"

/**
 * The enforcement point: middlewares without a method run before every
 * route middleware and handler (Medusa sorts them first), on every path
 * under the prefix whatever its spelling, as Express's `app.use` matches.
 */
export const gateMiddlewares: MiddlewareRoute[] = [
  // First, on the bare prefixes: no route parameter to decode (see the file).
  { matcher: "/store", middlewares: [refuseMalformedPath] },
  { matcher: "/auth", middlewares: [refuseMalformedPath] },
  { matcher: "/store/*", middlewares: [gateCustomerToken] },
  { matcher: "/auth/*", middlewares: [gateCustomerToken, gateAuthRoutes] },
  // Core's route, the same matcher: every spelling core routes reaches it.
  {
    method: ["POST"],
    matcher: "/store/customers",
    middlewares: [gateStoreCustomerCreate],
  },
  // Core's verification routes (`/auth/verification/request`, `…/confirm`).
  // Medusa registers core's middlewares for a path before a plugin's, so
  // core's `authenticate` and body validation have run when these gates do;
  // each chain still reads the auth context itself, with core's own options,
  // so the gates hold whatever order the middlewares end up in.
  {
    method: ["POST"],
    matcher: "/auth/verification/request",
    middlewares: [
      authenticate("*", ["session", "bearer"], {
        allowUnregistered: true,
        requireMfa: false,
      }),
      gateVerificationRequest,
      limitVerificationRequests,
    ],
  },
  {
    method: ["POST"],
    matcher: "/auth/verification/confirm",
    middlewares: [
      authenticate("*", ["session", "bearer"], {
        allowUnregistered: true,
        allowUnauthenticated: true,
      }),
      gateVerificationConfirm,
    ],
  },
]
