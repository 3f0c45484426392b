import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { CREDENTIALS_MODULE } from "../../../modules/credentials"
import type CredentialsModuleService from "../../../modules/credentials/service"
import type { CredentialSettingsPatch } from "../../../modules/credentials/types"
import { resolveStoreId } from "../../shared/steps/load-credential-settings"

export const saveCredentialSettingsStepId = "save-credential-settings"

/**
 * Saves the admin's settings for the store and returns the settings now in
 * force. Compensation puts back exactly what was saved before.
 */
export const saveCredentialSettingsStep = createStep(
  saveCredentialSettingsStepId,
  async (patch: CredentialSettingsPatch, { container }) => {
    const service =
      container.resolve<CredentialsModuleService>(CREDENTIALS_MODULE)
    const storeId = await resolveStoreId(container)

    const { previous } = await service.saveSettings(storeId, patch)
    const settings = await service.retrieveEffectiveSettings(storeId)

    return new StepResponse(settings, { storeId, previous })
  },
  async (undo, { container }) => {
    if (!undo) {
      return
    }
    const service =
      container.resolve<CredentialsModuleService>(CREDENTIALS_MODULE)
    await service.saveSettings(undo.storeId, undo.previous)
  }
)
