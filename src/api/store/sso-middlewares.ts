import { authenticate, type MiddlewareRoute } from "@medusajs/framework/http"
import { validateBody } from "../utils/validate-body"
import { gateSsoOnly } from "../utils/sso/gate-sso-only"
import { StoreCompleteSso, StoreSsoLogout } from "./credentials/validators"

/**
 * Routes a password takes part in: closed while "SSO only" is on. Listed
 * before the other store middlewares so the gate answers first.
 */
const PASSWORD_ROUTES = [
  "/store/credentials/login",
  "/store/credentials/register",
  "/store/credentials/activate",
  "/store/credentials/resend-activation",
  "/store/credentials/select-account",
  // Medusa's own emailpass routes: src/api/gates/gate-auth-routes.ts.
]

export const ssoStoreMiddlewares: MiddlewareRoute[] = [
  ...PASSWORD_ROUTES.map((matcher): MiddlewareRoute => ({
    method: ["POST"],
    matcher,
    middlewares: [gateSsoOnly],
  })),
  {
    method: ["POST"],
    matcher: "/store/credentials/sso/complete",
    middlewares: [
      // The callback's token has no customer yet.
      authenticate("customer", ["session", "bearer"], {
        allowUnregistered: true,
      }),
      validateBody(StoreCompleteSso),
    ],
  },
  {
    method: ["POST"],
    matcher: "/store/credentials/sso/logout",
    middlewares: [
      authenticate("customer", ["session", "bearer"]),
      validateBody(StoreSsoLogout),
    ],
  },
]
