import type {
  MedusaNextFunction,
  MedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { EMAILPASS_PROVIDER } from "../../workflows/shared/utils/customer-login"
import { resolveSsoState } from "../../workflows/sso/utils/sso-provider"
import { StockEmailpassSignIn } from "../store/credentials/validators"
import { gatePasswordReset } from "../utils/gate-password-reset"
import { gateStockRegistration } from "../utils/gate-stock-registration"
import { gateStockSignIn } from "../utils/gate-stock-sign-in"
import { issueResetTokenAfterAnswering } from "../utils/issue-reset-token-after-answering"
import { emailLimit, ipLimit } from "../utils/limit-per-client"
import { requestCredentialSettings } from "../utils/request-credential-settings"
import { gateSsoOnly } from "../utils/sso/gate-sso-only"
import { unreadableAuthBody, validateBody } from "../utils/validate-body"
import { parseAuthPath, type AuthPath } from "./auth-path"
import { chain, type Middleware } from "./chain"
import {
  guardCustomerLoginReset,
  guardCustomerLoginSignIn,
} from "./guard-customer-logins"
import { markCustomerRegistration } from "./mark-customer-registration"
import { prepareStockRegistration } from "./prepare-stock-registration"
import { refreshCustomerToken } from "./refresh-customer-token"
import { refuse } from "../utils/refuse"
import { bindSsoStart, checkSsoCallback } from "./sso-browser-binding"

/** Medusa's own customer emailpass routes, each behind the plugin's gates. */
const CUSTOMER_EMAILPASS: Partial<Record<string, Middleware>> = {
  // Answered here, never by core: the plugin's sign-in is core's emailpass
  // check behind the plugin's gates, locks and limits.
  authenticate: chain(
    gateSsoOnly,
    validateBody(StockEmailpassSignIn),
    gateStockSignIn
  ),
  register: chain(
    gateSsoOnly,
    ipLimit("register_per_ip"),
    gateStockRegistration,
    prepareStockRegistration,
    markCustomerRegistration
  ),
  // Answered here (201 first, then core's reset-token workflow).
  "reset-password": chain(
    gateSsoOnly,
    ipLimit("reset_password_per_ip"),
    emailLimit("reset_password_per_email", "identifier"),
    issueResetTokenAfterAnswering
  ),
  update: chain(gateSsoOnly, gatePasswordReset),
}

/**
 * Other actors' emailpass sign-in and registration (`/auth/user/emailpass`,
 * `/auth/vendor/emailpass/register`, …): one per-IP limit each, shared by
 * every actor type, so neither guessing passwords nor probing emails there
 * goes faster than on the customer routes.
 */
const otherActorSignInLimit = ipLimit("sign_in_failures_per_ip")
const otherActorRegisterLimit = ipLimit("register_per_ip")

/** What to use instead, for a customer route answered 405. */
const CUSTOMER_EMAILPASS_ROUTE: Record<string, string> = {
  authenticate:
    "POST /auth/customer/emailpass or POST /store/credentials/login",
  register:
    "POST /store/credentials/register or POST /auth/customer/emailpass/register",
  "reset-password": "POST /auth/customer/emailpass/reset-password",
  update: "POST /auth/customer/emailpass/update",
}

/** A customer's single sign-on: open only while the store offers it. */
const gateSsoProvider =
  (provider: string): Middleware =>
  async (req, res, next) => {
    const sso = await resolveSsoState(
      req.scope,
      await requestCredentialSettings(req)
    )
    if (sso.providers.some((candidate) => candidate.id === provider)) {
      return next()
    }
    refuse(res, {
      status: 403,
      code: "sso_disabled",
      message: `This store does not sign customers in with "${provider}". Sign in with your email and password.`,
    })
  }

/**
 * Core's `POST /auth/session` writes the sign-in into whatever cookie
 * session the request carries: a session id planted beforehand (session
 * fixation) would then be signed in. A new session id is made first.
 */
const regenerateSession: Middleware = (req, _res, next) => {
  const session = (
    req as unknown as {
      session?: { regenerate?: (done: (error?: unknown) => void) => void }
    }
  ).session
  if (!session?.regenerate) {
    return next()
  }
  session.regenerate((error) => next(error))
}

const routeFor = (
  path: Extract<AuthPath, { kind: "provider" }>,
  method: string
): Middleware | undefined => {
  const { actor_type, provider, action } = path
  if (actor_type === "customer") {
    if (provider !== EMAILPASS_PROVIDER) {
      // Started and finished by the same browser (sso-browser-binding.ts).
      if (action === "authenticate") {
        return chain(gateSsoProvider(provider), bindSsoStart(provider))
      }
      if (action === "callback") {
        return chain(gateSsoProvider(provider), checkSsoCallback(provider))
      }
      return undefined
    }
    const route = CUSTOMER_EMAILPASS[action]
    if (!route) {
      return (_req, res) =>
        refuse(res, {
          status: 404,
          code: "not_found",
          message: "The email and password provider has no such route.",
        })
    }
    if (method !== "POST") {
      return (_req, res) =>
        refuse(res, {
          status: 405,
          code: "method_not_allowed",
          message: `Use ${CUSTOMER_EMAILPASS_ROUTE[action]}.`,
        })
    }
    return route
  }
  if (provider === EMAILPASS_PROVIDER) {
    if (action === "authenticate") {
      return chain(otherActorSignInLimit, guardCustomerLoginSignIn(actor_type))
    }
    if (action === "register") {
      return otherActorRegisterLimit
    }
    if (action === "reset-password") {
      return guardCustomerLoginReset(actor_type)
    }
  }
  return undefined
}

/**
 * The one entry to every `/auth` route, core's and the plugin's, whatever
 * the method or spelling: Express matches routes case-insensitively, with or
 * without a trailing slash, and decodes route parameters, so core answers
 * `/auth/CUSTOMER/emailpas%73` as `/auth/customer/emailpass`, and its
 * `/auth/:actor_type/:auth_provider` answers GET too. The plugin reads the
 * path as Express routes it and:
 * - refuses a spelling that is not the canonical one (400), so no gate
 *   depends on how a path is written;
 * - puts every customer emailpass route behind the plugin's gates, answers
 *   sign-in and forgot-password itself, and refuses other methods (405);
 * - opens a customer's single sign-on only while the store offers it, and
 *   takes its callback only from the browser that started it;
 * - keeps other actor types (`/auth/user/emailpass`) from signing in with,
 *   or resetting, a customer's login, and puts their emailpass sign-in and
 *   registration under per-IP limits;
 * - refreshes customer tokens itself (`refresh-customer-token.ts`).
 * The token gate (`gate-customer-token.ts`) has run before.
 */
export const gateAuthRoutes = (
  req: MedusaRequest,
  res: MedusaResponse,
  next: MedusaNextFunction
) => {
  if (req.method === "OPTIONS") {
    return next() // CORS preflight
  }
  const parsed = parseAuthPath(req.originalUrl)
  if (!parsed.ok || !parsed.canonical) {
    return refuse(res, {
      status: 400,
      code: "non_canonical_path",
      message:
        "This address is not written as the route is: use lower case, no percent-encoded letters and no empty segments (for example /auth/customer/emailpass).",
    })
  }
  const { path } = parsed
  const unreadable = unreadableAuthBody(req.body)
  if (unreadable) {
    return next(new MedusaError(MedusaError.Types.INVALID_DATA, unreadable))
  }
  let route: Middleware | undefined
  if (path.kind === "provider") {
    route = routeFor(path, req.method)
  } else if (path.kind === "token-refresh" && req.method === "POST") {
    route = refreshCustomerToken
  } else if (path.kind === "session" && req.method === "POST") {
    route = regenerateSession
  }
  if (!route) {
    return next()
  }
  return route(req, res, next)
}
