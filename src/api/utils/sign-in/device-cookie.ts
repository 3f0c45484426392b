import type { MedusaRequest } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createHmac, randomBytes, timingSafeEqual } from "crypto"

/**
 * The device cookie (OWASP, "Slow down online guessing attacks with device
 * cookies"): a browser that signed in to an account gets a signed, HttpOnly
 * cookie naming a random device id for that account. Later sign-ins to that
 * account from that browser are counted per device, not per IP address, and
 * pass the account's lock for unknown devices, so guessing from elsewhere
 * cannot lock the owner out. The cookie proves nothing else: the password is
 * checked as always, and the device is locked after as many wrong passwords
 * as any client.
 *
 * Value: `v1.<device id>.<issued at, base 36 ms>.<HMAC-SHA256>`; the MAC
 * covers the customer id, so the cookie names no account and counts for none
 * but its own.
 */
export const DEVICE_COOKIE = "customer_credentials_device"

const MAX_AGE_MS = 365 * 24 * 60 * 60 * 1000
const FORMAT =
  /^v1\.([A-Za-z0-9_-]{22})\.([0-9a-z]{1,12})\.([A-Za-z0-9_-]{43})$/

type DeviceCookie = { id: string; issuedAt: number; mac: string }

const secretOf = (req: MedusaRequest): string => {
  const { http } = req.scope.resolve(
    ContainerRegistrationKeys.CONFIG_MODULE
  ).projectConfig
  return `customer-credentials-device:${http.cookieSecret ?? http.jwtSecret ?? ""}`
}

const macOf = (
  secret: string,
  customerId: string,
  id: string,
  issuedAt: number
) =>
  createHmac("sha256", secret)
    .update(`${customerId}\n${id}\n${issuedAt}`)
    .digest("base64url")

const readCookie = (req: MedusaRequest): DeviceCookie | null => {
  const raw = (req.cookies as Record<string, unknown> | undefined)?.[
    DEVICE_COOKIE
  ]
  const match = typeof raw === "string" ? FORMAT.exec(raw) : null
  if (!match) {
    return null
  }
  return { id: match[1], issuedAt: parseInt(match[2], 36), mac: match[3] }
}

/** Does the request carry a device cookie at all (not yet checked)? */
export const hasDeviceCookie = (req: MedusaRequest) => readCookie(req) !== null

/**
 * The device id when the request carries a valid device cookie for this
 * customer, else null.
 */
export const trustedDevice = (
  req: MedusaRequest,
  customerId: string,
  now: Date
): string | null => {
  const cookie = readCookie(req)
  if (
    !cookie ||
    cookie.issuedAt > now.getTime() ||
    now.getTime() - cookie.issuedAt > MAX_AGE_MS
  ) {
    return null
  }
  const expected = Buffer.from(
    macOf(secretOf(req), customerId, cookie.id, cookie.issuedAt)
  )
  const given = Buffer.from(cookie.mac)
  return expected.length === given.length && timingSafeEqual(expected, given)
    ? cookie.id
    : null
}

/** After a sign-in with the right password: this browser is a known device. */
export const issueDeviceCookie = (
  req: MedusaRequest,
  customerId: string,
  now: Date
) => {
  if (!req.res || req.res.headersSent) {
    return
  }
  const id = randomBytes(16).toString("base64url")
  const issuedAt = now.getTime()
  const mac = macOf(secretOf(req), customerId, id, issuedAt)
  req.res.cookie(DEVICE_COOKIE, `v1.${id}.${issuedAt.toString(36)}.${mac}`, {
    httpOnly: true,
    sameSite: "lax",
    secure: req.secure,
    path: "/",
    maxAge: MAX_AGE_MS,
  })
}
