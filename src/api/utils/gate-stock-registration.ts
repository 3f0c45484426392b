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
    res.status(403).json({
      type: "not_allowed",
      code: "accounts_disabled",
      message:
        "This store does not offer customer accounts: you can check out as a guest.",
    })
    return
  }
  const password = (req.body as { password?: unknown } | undefined)?.password
  if (typeof password === "string") {
    const unmet = unmetPasswordRules(password, settings.password_policy)
    if (unmet.length) {
      res.status(400).json({
        type: "invalid_data",
        code: "password_policy",
        message: passwordPolicyMessage(unmet),
      })
      return
    }
  }
  next()
}
