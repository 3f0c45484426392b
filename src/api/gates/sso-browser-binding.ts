import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createHmac, timingSafeEqual } from "crypto"
import type { Middleware } from "./chain"
import { refuse } from "../utils/refuse"

/**
 * Binds a single sign-on to the browser that started it (login CSRF): the
 * auth provider keeps the sign-in's `state` on the server, single use; this
 * gate gives the browser that asked for the authorization URL a short-lived,
 * signed, HttpOnly cookie for that state, and the callback is taken only
 * from a browser that shows it. A callback URL replayed in another browser
 * (an attacker's own sign-in, sent to a victim) fails with 401, and so does
 * a second use (the cookie is cleared on the first, the state is spent).
 *
 * Value: `v1.<expiry, base 36 ms>.<HMAC-SHA256>`; the MAC covers the
 * provider and the state, which itself never leaves the URL. One cookie per
 * provider, on the provider's path only.
 */
export const SSO_STATE_TTL_MS = 15 * 60 * 1000

const FORMAT = /^v1\.([0-9a-z]{1,12})\.([A-Za-z0-9_-]{43})$/

export const ssoCookieName = (provider: string) =>
  `customer_credentials_sso_${provider.replace(/[^A-Za-z0-9_-]/g, "_")}`

const cookiePath = (provider: string) =>
  `/auth/customer/${encodeURIComponent(provider)}`

const secretOf = (req: MedusaRequest): string => {
  const { http } = req.scope.resolve(
    ContainerRegistrationKeys.CONFIG_MODULE
  ).projectConfig
  return `customer-credentials-sso-state:${http.cookieSecret ?? http.jwtSecret ?? ""}`
}

const macOf = (
  secret: string,
  provider: string,
  state: string,
  expires: number
) =>
  createHmac("sha256", secret)
    .update(`${provider}\n${state}\n${expires}`)
    .digest("base64url")

/**
 * Served by an https backend, the cookie must travel with the storefront's
 * cross-site fetch of the callback (SameSite=None needs Secure); on plain
 * http (development) it stays Lax.
 */
const cookieOptions = (req: MedusaRequest, provider: string) => ({
  httpOnly: true,
  secure: req.secure,
  sameSite: req.secure ? ("none" as const) : ("lax" as const),
  path: cookiePath(provider),
})

const stateOf = (location: unknown): string | null => {
  if (typeof location !== "string") {
    return null
  }
  try {
    return new URL(location).searchParams.get("state")
  } catch {
    return null
  }
}

/**
 * On the start route: when the provider answers `{ location }`, the
 * browser gets the cookie for that location's state.
 */
export const bindSsoStart =
  (provider: string): Middleware =>
  (req, res, next) => {
    const json = res.json.bind(res)
    res.json = ((body: unknown) => {
      const state = stateOf((body as { location?: unknown } | null)?.location)
      if (res.statusCode === 200 && state && !res.headersSent) {
        const expires = Date.now() + SSO_STATE_TTL_MS
        res.cookie(
          ssoCookieName(provider),
          `v1.${expires.toString(36)}.${macOf(secretOf(req), provider, state, expires)}`,
          { ...cookieOptions(req, provider), maxAge: SSO_STATE_TTL_MS }
        )
      }
      return json(body)
    }) as MedusaResponse["json"]
    return next()
  }

const holdsState = (req: MedusaRequest, provider: string, state: string) => {
  const raw = (req.cookies as Record<string, unknown> | undefined)?.[
    ssoCookieName(provider)
  ]
  const match = typeof raw === "string" ? FORMAT.exec(raw) : null
  if (!match) {
    return false
  }
  const expires = parseInt(match[1], 36)
  if (!(expires > Date.now())) {
    return false
  }
  const expected = Buffer.from(macOf(secretOf(req), provider, state, expires))
  const given = Buffer.from(match[2])
  return expected.length === given.length && timingSafeEqual(expected, given)
}

/**
 * On the callback route: only from the browser that started this sign-in,
 * once. The cookie is cleared whatever the outcome.
 */
export const checkSsoCallback =
  (provider: string): Middleware =>
  (req, res, next) => {
    const query = (req.query ?? {}) as Record<string, unknown>
    const state = typeof query.state === "string" ? query.state : ""
    const bound = !!state && holdsState(req, provider, state)
    res.clearCookie(ssoCookieName(provider), cookieOptions(req, provider))
    if (!bound) {
      return refuse(res, {
        status: 401,
        code: "sso_state_mismatch",
        message:
          "This sign-in was not started in this browser, was already used or has expired: start signing in again.",
      })
    }
    return next()
  }
