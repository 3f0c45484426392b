import { authenticate, type MiddlewareRoute } from "@medusajs/framework/http"
import { gateVerificationConfirm } from "./utils/gate-verification-confirm"
import {
  gateVerificationRequest,
  limitVerificationRequests,
} from "./utils/gate-verification-request"

/**
 * Core's verification routes (`/auth/verification/request`, `…/confirm`).
 * Medusa registers core's middlewares for a path before a plugin's, so
 * core's `authenticate` and body validation have run when these gates do;
 * each chain still reads the auth context itself, with core's own options,
 * so the gates hold whatever order the middlewares end up in.
 */
export const authVerificationMiddlewares: MiddlewareRoute[] = [
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
