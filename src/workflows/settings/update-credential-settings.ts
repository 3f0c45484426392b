import {
  createWorkflow,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import type { CredentialSettingsPatch } from "../../modules/credentials/types"
import { saveCredentialSettingsStep } from "./steps/save-credential-settings"

export type UpdateCredentialSettingsWorkflowInput = CredentialSettingsPatch

export const updateCredentialSettingsWorkflowId = "update-credential-settings"

/** Saves store-wide credential settings; `null` hands a setting back to the plugin options. */
export const updateCredentialSettingsWorkflow = createWorkflow(
  updateCredentialSettingsWorkflowId,
  (input: UpdateCredentialSettingsWorkflowInput) => {
    const settings = saveCredentialSettingsStep(input)
    return new WorkflowResponse(settings)
  }
)
