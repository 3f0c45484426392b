import type {
  MedusaNextFunction,
  MedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { unmetPasswordPolicy } from "../../modules/credentials/utils/check-new-password"
import { passwordPolicyMessage } from "../../modules/credentials/utils/password-policy"
import { requestCredentialSettings } from "./request-credential-settings"
import { refuse } from "./refuse"
import {
  ACCOUNTS_DISABLED_MESSAGE,
  REGISTRATION_DISABLED_MESSAGE,
} from "../../messages"

/**
 * Medusa's own `POST /auth/customer/emailpass/register` (what
 * `sdk.auth.register` calls) follows the store's settings too: closed when
 * the store offers no accounts or takes no registrations, and the password
 * policy (strength included) applies.
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
  if (!settings.registration_enabled) {
    return refuse(res, {
      status: 403,
      code: "registration_disabled",
      message: REGISTRATION_DISABLED_MESSAGE,
    })
  }
  const body = req.body as { password?: unknown; email?: unknown } | undefined
  const password = body?.password
  if (typeof password === "string") {
    const unmet = await unmetPasswordPolicy(
      password,
      settings.password_policy,
      typeof body?.email === "string" ? [body.email] : []
    )
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
