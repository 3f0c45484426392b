import { authenticate, type MiddlewareRoute } from "@medusajs/framework/http"
import { validateBody } from "../utils/validate-body"
import { gatePasswordReset } from "../utils/gate-password-reset"
import { gateSignedInCustomer } from "../utils/gate-signed-in-customer"
import { gateStockRegistration } from "../utils/gate-stock-registration"
import { gateStockSignIn } from "../utils/gate-stock-sign-in"
import { bodyField, clientIp, limitRequests } from "../utils/limit-requests"
import { requireSignInToPurchase } from "../utils/require-sign-in-to-purchase"
import { issueResetTokenAfterAnswering } from "../utils/issue-reset-token-after-answering"
import type { RateLimits } from "../../modules/credentials/types"
import {
  StockEmailpassSignIn,
  StoreActivate,
  StoreChangePassword,
  StoreRegister,
  StoreResendActivation,
  StoreSignIn,
} from "./credentials/validators"

const emailLimit = (limit: keyof RateLimits, field = "email") =>
  limitRequests({
    limit,
    key: bodyField(field),
    message:
      "Too many requests for this email address. Try again in a few minutes.",
  })

const ipLimit = (limit: keyof RateLimits) =>
  limitRequests({
    limit,
    key: clientIp,
    message: "Too many requests. Try again in a few minutes.",
  })

export const storeMiddlewares: MiddlewareRoute[] = [
  // Every request signed in as a customer: login switch, temporary password.
  {
    matcher: "/store/*",
    middlewares: [gateSignedInCustomer],
  },
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
    matcher: "/store/customers/me/password",
    middlewares: [
      authenticate("customer", ["session", "bearer"]),
      validateBody(StoreChangePassword),
    ],
  },
  // Force login
  {
    method: ["POST"],
    matcher: "/store/carts/:id/complete",
    middlewares: [requireSignInToPurchase],
  },
  // Medusa's own customer sign-in and password routes, with the plugin's
  // gates. These static paths sort before core's /auth/:actor_type/:provider
  // matchers, so they run first.
  {
    method: ["POST"],
    matcher: "/auth/customer/emailpass",
    middlewares: [validateBody(StockEmailpassSignIn), gateStockSignIn],
  },
  {
    method: ["POST"],
    matcher: "/auth/customer/emailpass/reset-password",
    middlewares: [
      ipLimit("reset_password_per_ip"),
      emailLimit("reset_password_per_email", "identifier"),
      issueResetTokenAfterAnswering,
    ],
  },
  {
    method: ["POST"],
    matcher: "/auth/customer/emailpass/update",
    middlewares: [gatePasswordReset],
  },
  {
    method: ["POST"],
    matcher: "/auth/customer/emailpass/register",
    middlewares: [ipLimit("register_per_ip"), gateStockRegistration],
  },
]
