import type {
  MedusaNextFunction,
  MedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { requestCredentialSettings } from "../request-credential-settings"
import {
  resolveSsoState,
  ssoStartUrl,
} from "../../../workflows/sso/utils/sso-provider"
import { refuse } from "../refuse"

/**
 * With "SSO only" on, password sign-in, registration and password recovery
 * (the plugin's routes and Medusa's own emailpass routes) answer 403 and
 * point to single sign-on. Core's OpenID Connect routes stay open.
 */
export const gateSsoOnly = async (
  req: MedusaRequest,
  res: MedusaResponse,
  next: MedusaNextFunction
) => {
  const settings = await requestCredentialSettings(req)
  const sso = await resolveSsoState(req.scope, settings)
  if (!sso.only) {
    return next()
  }
  refuse(res, {
    status: 403,
    code: "sso_only",
    message: `This store signs customers in with single sign-on only: use "${settings.sso_button_label}".`,
    details: { sso_start_url: ssoStartUrl(sso.provider) },
  })
}
