import { authenticate, type MiddlewareRoute } from "@medusajs/framework/http"
import { validateBody } from "../utils/validate-body"
import { emailLimit, ipLimit } from "../utils/limit-per-client"
import { requireSignInToPurchase } from "../utils/require-sign-in-to-purchase"
import {
  StoreActivate,
  StoreChangePassword,
  StoreEnableEmailSignIn,
  StoreRegister,
  StoreResendActivation,
  StoreSignIn,
  StoreSignOutEverywhere,
} from "./credentials/validators"

export const storeMiddlewares: MiddlewareRoute[] = [
  {
    method: ["POST"],
    matcher: "/store/credentials/login",
    middlewares: [validateBody(StoreSignIn)],
  },
  {
    method: ["POST"],
    matcher: "/store/credentials/register",
    middlewares: [ipLimit("register_per_ip"), validateBody(StoreRegister)],
  },
  {
    method: ["POST"],
    matcher: "/store/credentials/activate",
    middlewares: [ipLimit("activate_per_ip"), validateBody(StoreActivate)],
  },
  {
    method: ["POST"],
    matcher: "/store/credentials/resend-activation",
    middlewares: [
      ipLimit("resend_activation_per_ip"),
      emailLimit("resend_activation_per_email"),
      validateBody(StoreResendActivation),
    ],
  },
  {
    method: ["POST"],
    matcher: "/store/credentials/sign-out-everywhere",
    middlewares: [
      authenticate("customer", ["session", "bearer"]),
      validateBody(StoreSignOutEverywhere),
    ],
  },
  {
    method: ["POST"],
    matcher: "/store/customers/me/password",
    middlewares: [
      authenticate("customer", ["session", "bearer"]),
      validateBody(StoreChangePassword),
    ],
  },
  {
    method: ["POST"],
    matcher: "/store/credentials/me/email-sign-in",
    middlewares: [
      authenticate("customer", ["session", "bearer"]),
      validateBody(StoreEnableEmailSignIn),
    ],
  },
  // Force login
  {
    method: ["POST"],
    matcher: "/store/carts/:id/complete",
    middlewares: [requireSignInToPurchase],
  },
]
