import type {
  MedusaNextFunction,
  MedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import {
  passwordPolicyMessage,
  unmetPasswordRules,
} from "../../modules/credentials/utils/password-policy"
import { requestCredentialSettings } from "./request-credential-settings"
import { refuse } from "./refuse"
import { ACCOUNTS_DISABLED_MESSAGE } from "../../messages"

/**
 * Medusa's own `POST /auth/customer/emailpass/register` (what
 * `sdk.auth.register` calls) follows the store's settings too: closed when
 * the store offers no accounts, and the password policy applies.
 */
export const gateStockRegistration = async (
  req: MedusaRequest,
  res: MedusaResponse,
  next: MedusaNextFunction
) => {
  const settings = await requestCredentialSettings(req)
  if (!settings.customer_accounts_enabled) {
    return refuse(res, {
      status: 403,
      code: "accounts_disabled",
      message: ACCOUNTS_DISABLED_MESSAGE,
    })
  }
  const password = (req.body as { password?: unknown } | undefined)?.password
  if (typeof password === "string") {
    const unmet = unmetPasswordRules(password, settings.password_policy)
    if (unmet.length) {
      return refuse(res, {
        status: 400,
        code: "password_policy",
        message: passwordPolicyMessage(unmet),
      })
    }
  }
  next()
}
