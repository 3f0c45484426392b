import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { loadCredentialSettings } from "../../../workflows/shared/steps/load-credential-settings"
import { updateCredentialSettingsWorkflow } from "../../../workflows/settings/update-credential-settings"
import type { AdminUpdateCredentialSettingsType } from "./validators"

export const GET = async (
  req: AuthenticatedMedusaRequest,
  res: MedusaResponse
) => {
  const credential_settings = await loadCredentialSettings(req.scope)
  res.json({ credential_settings })
}

export const POST = async (
  req: AuthenticatedMedusaRequest<AdminUpdateCredentialSettingsType>,
  res: MedusaResponse
) => {
  const { result } = await updateCredentialSettingsWorkflow(req.scope).run({
    input: req.validatedBody,
  })
  res.json({ credential_settings: result })
}
