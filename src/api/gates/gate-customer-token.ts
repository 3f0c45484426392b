import type {
  MedusaNextFunction,
  MedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { EMAILPASS_PROVIDER } from "../../workflows/shared/utils/customer-login"
import {
  dropCustomerSession,
  readCustomerAuthContexts,
  type CustomerAuthContext,
} from "./customer-auth-context"
import { refuse, type Refusal } from "../utils/refuse"
import { ACCOUNTS_DISABLED_MESSAGE } from "../../messages"
import { requestCredentialSettings } from "../utils/request-credential-settings"
import { judgeCustomerSession, SESSION_ENDED } from "./session-verdict"

const ACCOUNTS_CLOSED: Refusal = {
  status: 403,
  code: "accounts_disabled",
  message: ACCOUNTS_DISABLED_MESSAGE,
}

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

type WithAuth = { auth_context?: CustomerAuthContext }

/**
 * The request goes on as if it carried no such credential, as core treats
 * an expired token (a storefront that kept an ended token can still browse
 * and sign in again). A route that needs a signed-in customer then answers
 * core's bare 401, which is given the reason here.
 */
const forget = (
  req: MedusaRequest,
  res: MedusaResponse,
  source: "session" | "bearer",
  context: CustomerAuthContext,
  refusal: Refusal
) => {
  if (source === "session") {
    dropCustomerSession(req)
  } else {
    delete req.headers.authorization
  }
  // Set by Medusa's own /store authentication, which runs first.
  const withAuth = req as unknown as WithAuth
  if (withAuth.auth_context?.auth_identity_id === context.auth_identity_id) {
    delete withAuth.auth_context
  }
  const json = res.json.bind(res)
  res.json = ((body: unknown) => {
    const bare =
      res.statusCode === 401 &&
      !!body &&
      typeof body === "object" &&
      (body as { message?: unknown }).message === "Unauthorized" &&
      !("code" in body)
    if (!bare) {
      return json(body)
    }
    res.json = json
    refuse(res, refusal)
    return res
  }) as typeof res.json
}

/**
 * The one place a customer's token or cookie session is accepted: every
 * request under `/store` and `/auth` that presents one, whatever its route,
 * method or spelling, and before any route's own middleware runs. A token
 * issued before the login's sessions ended (password changed or reset,
 * sign-in turned off, "sign out everywhere"), or acting for an account the
 * login may no longer sign in for (B2B reference removed or not an internet
 * user), no longer authenticates anything, refresh included: the request is
 * answered as one without it, and a route that needs a signed-in customer
 * answers 401 with the reason. A session opened with a temporary password
 * may only change it (403 elsewhere).
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
    if (!context) {
      continue
    }
    // Core's reset tokens (`purpose: "reset"`) act for nobody and are checked
    // by core's route. A token that acts for a customer without naming its
    // login was made by neither core nor the plugin (a forged or foreign
    // token): it authenticates nothing.
    if (context.purpose || !context.auth_identity_id) {
      if (context.actor_id) {
        forget(req, res, source, context, SESSION_ENDED)
      }
      continue
    }
    // The store offers no customer accounts any more: no customer session
    // acts while that lasts (the settings are kept in memory; no read).
    if (!(await requestCredentialSettings(req)).customer_accounts_enabled) {
      forget(req, res, source, context, ACCOUNTS_CLOSED)
      continue
    }
    const verdict = await judgeCustomerSession(req.scope, context)
    if ("status" in verdict) {
      forget(req, res, source, context, verdict)
      continue
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
