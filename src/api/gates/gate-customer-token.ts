import type {
  MedusaNextFunction,
  MedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { EMAILPASS_PROVIDER } from "../../workflows/utils/customer-login"
import {
  dropCustomerSession,
  readCustomerAuthContexts,
} from "./customer-auth-context"
import { refuse } from "./refuse"
import { judgeCustomerSession } from "./session-verdict"

/** What a customer signed in with a temporary password may still call. */
const ALLOWED_WHILE_PASSWORD_MUST_CHANGE = [
  "POST /store/customers/me/password",
  "POST /store/credentials/sign-out-everywhere",
  "GET /store/credentials/config",
  "GET /store/credentials/me",
]

/** `/store/Customers/me/` → `/store/customers/me`, as Express routes it. */
const routedPath = (originalUrl: string) => {
  const path = originalUrl.split("?")[0].replace(/\/+$/, "")
  try {
    return decodeURIComponent(path).toLowerCase()
  } catch {
    return path.toLowerCase()
  }
}

/**
 * The one place a customer's token or cookie session is accepted: every
 * request under `/store` and `/auth` that presents one, whatever its route,
 * method or spelling, and before any route's own middleware runs. A token
 * issued before the login's sessions ended (password changed or reset,
 * sign-in turned off, "sign out everywhere"), or acting for an account the
 * login may no longer sign in for (B2B reference removed or not an internet
 * user), is refused with 401, refresh included; a cookie session in that
 * state is forgotten. A session opened with a temporary password may only
 * change it.
 */
export const gateCustomerToken = async (
  req: MedusaRequest,
  res: MedusaResponse,
  next: MedusaNextFunction
) => {
  const { session, bearer } = readCustomerAuthContexts(req)
  for (const [source, context] of [
    ["session", session],
    ["bearer", bearer],
  ] as const) {
    // Core's reset tokens (`purpose: "reset"`) are checked by core's route.
    if (!context?.auth_identity_id || context.purpose) {
      continue
    }
    const verdict = await judgeCustomerSession(req.scope, context)
    if ("status" in verdict) {
      if (source === "session") {
        dropCustomerSession(req)
      }
      return refuse(res, verdict)
    }
    const path = routedPath(req.originalUrl)
    if (
      verdict.must_change_password &&
      path.startsWith("/store") &&
      (context.auth_provider ?? EMAILPASS_PROVIDER) === EMAILPASS_PROVIDER &&
      !ALLOWED_WHILE_PASSWORD_MUST_CHANGE.includes(`${req.method} ${path}`)
    ) {
      return refuse(res, {
        status: 403,
        code: "password_change_required",
        message:
          "You signed in with a temporary password: choose your own password first (POST /store/customers/me/password).",
      })
    }
  }
  next()
}
