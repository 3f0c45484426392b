import type { MedusaContainer } from "@medusajs/framework/types"
import { beginSignInAttempt } from "./phases/begin-sign-in-attempt"
import { checkSignInGates } from "./phases/check-sign-in-gates"
import { issueSignInToken } from "./phases/issue-sign-in-token"
import { resolveSignInTarget } from "./phases/resolve-sign-in-target"
import { settleSignIn } from "./phases/settle-sign-in"
import { throttleSignIn } from "./phases/throttle-sign-in"
import {
  refuseUnknownIdentifier,
  verifyPassword,
} from "./phases/verify-password"
import { prepareSignIn } from "./sign-in-context"
import type { SignInInput, SignInOutcome } from "./types"

/**
 * Signs a customer in with an email or a customer number and a password,
 * through Medusa's auth module (emailpass), behind the plugin's gates and
 * locks, and returns the token Medusa's own sign-in returns. Both the
 * plugin's `POST /store/credentials/login` and core's
 * `POST /auth/customer/emailpass` come here.
 *
 * Phases, one file each in `phases/`: resolve (the login and the address's
 * failures, one read) → throttle → begin attempt (counted before the
 * password is checked) → verify (core's emailpass) → gates → settle →
 * token. An identifier that names no login costs and counts what a wrong
 * password does and is refused after throttle.
 *
 * Refusals are thrown as `SignInRefused` (401, 403 or 429 with the seconds
 * to wait), which the routes answer as `{ type, code, message }`.
 */
export const signInCustomer = async (
  container: MedusaContainer,
  input: SignInInput
): Promise<SignInOutcome> => {
  const context = await prepareSignIn(container, input)
  // The login and the address's failures, in one read.
  const read = await resolveSignInTarget(context, input.identifier)
  const knownDevice = await throttleSignIn(context, input.device, read)
  const { target } = read
  if (!target) {
    throw await refuseUnknownIdentifier(context, input)
  }
  const { attempt, client } = await beginSignInAttempt(
    context,
    target,
    knownDevice
  )
  const login = await verifyPassword(context, input, target, attempt, client)
  const accounts = await checkSignInGates(
    context,
    target,
    attempt,
    client,
    login
  )
  const rememberDevice = await settleSignIn(
    context,
    target.customer_id,
    attempt,
    client
  )
  return {
    result: await issueSignInToken(context, target, attempt, login, accounts),
    remember_device: rememberDevice,
  }
}
