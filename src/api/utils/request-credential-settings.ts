import type { MedusaRequest } from "@medusajs/framework/http"
import type { CredentialSettingsValues } from "../../modules/credentials/types"
import { loadCredentialSettings } from "../../workflows/shared/steps/load-credential-settings"

const perRequest = new WeakMap<
  MedusaRequest,
  Promise<CredentialSettingsValues>
>()

/**
 * The credential settings for one HTTP request, read once however many of
 * the plugin's gates and handlers ask (a sign-in passes the "SSO only" gate
 * and then the sign-in's own gates). For reads that come before the request
 * writes anything: a route that saves settings reads them with
 * `loadCredentialSettings` again.
 */
export const requestCredentialSettings = (
  req: MedusaRequest
): Promise<CredentialSettingsValues> => {
  let settings = perRequest.get(req)
  if (!settings) {
    settings = loadCredentialSettings(req.scope)
    perRequest.set(req, settings)
  }
  return settings
}
