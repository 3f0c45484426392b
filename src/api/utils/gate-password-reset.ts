import type {
  AuthenticatedMedusaRequest,
  MedusaNextFunction,
  MedusaResponse,
} from "@medusajs/framework/http"
import { unmetPasswordPolicy } from "../../modules/credentials/utils/check-new-password"
import { passwordPolicyMessage } from "../../modules/credentials/utils/password-policy"
import { recordPasswordResetWorkflow } from "../../workflows/credentials/record-password-reset"
import { requestCredentialSettings } from "./request-credential-settings"
import { refuse } from "./refuse"

/**
 * Runs before core's `POST /auth/customer/emailpass/update` (and before
 * core's token check, so a refused password does not spend the token):
 * - the new password must meet the store's policy (400 names the rules);
 * - once core answers 200, the plugin records the change (temporary
 *   password cleared, audit, "password changed" email) before the answer
 *   leaves.
 */
export const gatePasswordReset = async (
  req: AuthenticatedMedusaRequest,
  res: MedusaResponse,
  next: MedusaNextFunction
) => {
  const password = (req.body as { password?: unknown } | undefined)?.password
  if (typeof password === "string") {
    const settings = await requestCredentialSettings(req)
    const unmet = await unmetPasswordPolicy(
      password,
      settings.password_policy,
      [req.auth_context?.actor_id ?? ""]
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
  next()
}
