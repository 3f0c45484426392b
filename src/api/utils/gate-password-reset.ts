import type {
  AuthenticatedMedusaRequest,
  MedusaNextFunction,
  MedusaResponse,
} from "@medusajs/framework/http"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { unmetPasswordPolicy } from "../../modules/credentials/utils/check-new-password"
import { passwordPolicyMessage } from "../../modules/credentials/utils/password-policy"
import { recordPasswordResetWorkflow } from "../../workflows/credentials/record-password-reset"
import { passwordLockKey } from "../../workflows/shared/utils/password-lock-key"
import { verifyCustomerToken } from "../gates/customer-auth-context"
import { requestCredentialSettings } from "./request-credential-settings"
import { refuse } from "./refuse"

/** How long a reset waits for the login's password lock (seconds). */
const PASSWORD_LOCK_TIMEOUT = 15
/** The longest a reset holds it, should no answer ever be written. */
const PASSWORD_LOCK_MAX_HOLD_MS = 60_000

/**
 * The email a reset (or activation) link was issued for: the `entity_id`
 * of core's token, verified as core verifies it. Null for anything else;
 * core's own check then answers 401.
 */
const resetEmail = (req: AuthenticatedMedusaRequest): string | null => {
  const authorization = req.headers.authorization
  if (!authorization) {
    return null
  }
  const claims = verifyCustomerToken(req.scope, authorization) as
    | (Record<string, unknown> & { entity_id?: unknown; purpose?: unknown })
    | null
  return claims?.purpose === "reset" && typeof claims.entity_id === "string"
    ? claims.entity_id
    : null
}

/**
 * Runs before core's `POST /auth/customer/emailpass/update` (and before
 * core's token check, so a refused password does not spend the token):
 * - the new password must meet the store's policy (400 names the rules);
 * - the rest runs under the login's password lock (`passwordLockKey`, the
 *   Locking module's, shared across instances), held until the answer has
 *   left: core lists the token and then deletes it, so two uses at once
 *   would both pass; under the lock the second finds it spent (core's 401).
 *   Activation with the same link (`/store/credentials/activate`) takes the
 *   same lock. A reset that cannot get it in time: 409, nothing spent;
 * - once core answers 200, the plugin records the change (temporary
 *   password cleared, audit, "password changed" email) before the answer
 *   leaves.
 */
export const gatePasswordReset = async (
  req: AuthenticatedMedusaRequest,
  res: MedusaResponse,
  next: MedusaNextFunction
) => {
  const email = resetEmail(req)
  const password = (req.body as { password?: unknown } | undefined)?.password
  if (typeof password === "string") {
    const settings = await requestCredentialSettings(req)
    const unmet = await unmetPasswordPolicy(
      password,
      settings.password_policy,
      [email ?? ""]
    )
    if (unmet.length) {
      return refuse(res, {
        status: 400,
        code: "password_policy",
        message: passwordPolicyMessage(unmet),
      })
    }
  }

  const send = res.json.bind(res)
  res.json = ((body: { success?: boolean }) => {
    const email = req.auth_context?.actor_id
    if (res.statusCode !== 200 || !body?.success || !email) {
      return send(body)
    }
    recordPasswordResetWorkflow(req.scope)
      .run({ input: { email } })
      .then(
        () => send(body),
        (error) => next(error)
      )
    return res
  }) as typeof res.json

  if (!email) {
    return next()
  }
  // Held until the answer is written (core's, or its error's): by then the
  // token is spent and the change recorded. A client that left while waiting
  // gets nothing run for it.
  let started = false
  let gone = false
  res.once("close", () => {
    gone = true
  })
  const answered = new Promise<void>((resolve) => {
    const end = res.end.bind(res)
    res.end = ((...args: Parameters<typeof res.end>) => {
      resolve()
      return end(...args)
    }) as typeof res.end
    res.once("finish", resolve)
    res.once("close", resolve)
    setTimeout(resolve, PASSWORD_LOCK_MAX_HOLD_MS).unref()
  })
  req.scope
    .resolve(Modules.LOCKING)
    .execute(
      passwordLockKey(email),
      async () => {
        started = true
        if (gone) {
          return
        }
        next()
        return answered
      },
      { timeout: PASSWORD_LOCK_TIMEOUT }
    )
    .catch((error: { type?: string; name?: string }) => {
      if (started) {
        // The answer is core's; only the lock's release went wrong.
        return req.scope
          .resolve(ContainerRegistrationKeys.LOGGER)
          .warn(
            `customer-credentials: the password lock of a reset was not released cleanly (${error?.type ?? error?.name ?? "error"})`
          )
      }
      if (!res.headersSent) {
        refuse(res, {
          status: 409,
          code: "password_change_in_progress",
          message:
            "This account's password is being changed right now. Try again in a moment.",
        })
      }
    })
}
