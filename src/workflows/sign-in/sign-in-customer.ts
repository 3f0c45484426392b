import type { MedusaContainer } from "@medusajs/framework/types"
import { beginSignInAttempt } from "./phases/begin-sign-in-attempt"
import { checkSignInGates } from "./phases/check-sign-in-gates"
import { issueSignInToken } from "./phases/issue-sign-in-token"
import {
  resolveSignInTarget,
  type SignInTargetRead,
} from "./phases/resolve-sign-in-target"
import { settleSignIn } from "./phases/settle-sign-in"
import { throttleSignIn } from "./phases/throttle-sign-in"
import {
  refuseUnknownIdentifier,
  verifyPassword,
} from "./phases/verify-password"
import { SignInRefused } from "../shared/utils/login-gates"
import { prepareSignIn, type SignInContext } from "./sign-in-context"
import { giveBackAttempt } from "./utils/sign-in-limiters"
import type { SignInInput, SignInOutcome } from "./types"

/**
 * Signs a customer in with an email or a customer number and a password,
 * through Medusa's auth module (emailpass), behind the plugin's gates and
 * locks, and returns the token Medusa's own sign-in returns. Both the
 * plugin's `POST /store/credentials/login` and core's
 * `POST /auth/customer/emailpass` come here.
 *
 * Phases, one file each in `phases/`: resolve (the login, and the attempt
 * counted against the address, one statement) → throttle → begin attempt
 * (counted against the account before the password is checked) → verify
 * (core's emailpass) → gates → settle → token. An identifier that names no
 * login costs and counts what a wrong password does and is refused after
 * throttle. The address's count is given back unless the sign-in ends as a
 * wrong password (or an unknown identifier), so only failures count.
 *
 * Refusals are thrown as `SignInRefused` (401, 403 or 429 with the seconds
 * to wait), which the routes answer as `{ type, code, message }`.
 */
export const signInCustomer = async (
  container: MedusaContainer,
  input: SignInInput
): Promise<SignInOutcome> => {
  const context = await prepareSignIn(container, input)
  // The login, and the attempt counted against the address, in one statement.
  const read = await resolveSignInTarget(context, input.identifier)
  const checked = { failed: false }
  try {
    return await signInResolved(context, input, read, checked)
  } finally {
    if (read.ipCounted && !checked.failed) {
      await giveBackAttempt(
        context.store,
        context.limiters.ip,
        context.client.key,
        context.now
      )
    }
  }
}

/** The phases after resolve; `checked.failed`: a wrong password or unknown identifier. */
const signInResolved = async (
  context: SignInContext,
  input: SignInInput,
  read: SignInTargetRead,
  checked: { failed: boolean }
): Promise<SignInOutcome> => {
  const knownDevice = await throttleSignIn(context, input.device, read)
  const { target } = read
  if (!target) {
    const refusal = await refuseUnknownIdentifier(context, input)
    checked.failed = true
    throw refusal
  }
  const { attempt, client } = await beginSignInAttempt(
    context,
    target,
    knownDevice
  )
  const login = await verifyPassword(
    context,
    input,
    target,
    attempt,
    client
  ).catch((error: unknown) => {
    checked.failed = error instanceof SignInRefused && error.status === 401
    throw error
  })
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
