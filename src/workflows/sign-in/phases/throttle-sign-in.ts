import { SignInRefused } from "../../shared/utils/login-gates"
import type { SignInContext } from "../sign-in-context"
import type { SignInInput } from "../types"
import { blockedFor } from "../utils/sign-in-limiters"
import type { SignInTargetRead } from "./resolve-sign-in-target"

export const tooManyAttempts = (seconds: number) =>
  new SignInRefused(
    429,
    "too_many_attempts",
    `Too many failed sign-in attempts. Try again in ${Math.max(
      1,
      Math.ceil(seconds / 60)
    )} minute(s), or reset your password.`,
    seconds
  )

/**
 * Throttle: the limits that hold before any attempt is counted. A client
 * whose address is over its limit is refused, unless it is a known device
 * of the account (a shared address: office, carrier NAT, proxy); that needs
 * the account, so a request with a device cookie is judged once the login
 * is known. An identifier that names no login is locked as a real
 * account's: per client, and for every client past ten times the
 * threshold.
 *
 * Returns the known device (a valid device cookie for the login's
 * customer), or null.
 */
export const throttleSignIn = async (
  context: SignInContext,
  device: SignInInput["device"],
  { target, ipBlockedFor }: SignInTargetRead
): Promise<string | null> => {
  if (ipBlockedFor && !device.has_cookie) {
    throw tooManyAttempts(ipBlockedFor)
  }
  const knownDevice = target?.customer_id
    ? device.id_for(target.customer_id, context.now)
    : null
  if (ipBlockedFor && !knownDevice) {
    throw tooManyAttempts(ipBlockedFor)
  }
  if (!target) {
    const blocked = Math.max(
      await blockedFor(
        context.limiters.identifier,
        context.identifier_client_key
      ),
      await blockedFor(
        context.limiters.identifierAllClients,
        context.identifier_key
      )
    )
    if (blocked) {
      throw tooManyAttempts(blocked)
    }
  }
  return knownDevice
}
