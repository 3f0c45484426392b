import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { CREDENTIALS_MODULE } from "../../../modules/credentials"
import type {
  AppliedCredentialIntents,
  CredentialIntent,
} from "../../../modules/credentials/credential-intents"
import type CredentialsModuleService from "../../../modules/credentials/service"

export type ApplyCredentialIntentsStepInput = {
  intents: CredentialIntent[]
}

export const applyCredentialIntentsStepId = "apply-credential-intents"

/**
 * Records what a flow did to one or many customers' logins (a new password,
 * login turned on, a customer number), through the module's one writer of
 * that state (`applyCredentialIntents`). Returns each customer's credential
 * row, in the intents' order. Compensation restores the rows it changed and
 * deletes the ones it created.
 */
export const applyCredentialIntentsStep = createStep(
  applyCredentialIntentsStepId,
  async (input: ApplyCredentialIntentsStepInput, { container }) => {
    const service =
      container.resolve<CredentialsModuleService>(CREDENTIALS_MODULE)
    const { credentials, applied } = await service.applyCredentialIntents(
      input.intents
    )
    return new StepResponse(credentials, applied)
  },
  async (applied: AppliedCredentialIntents | undefined, { container }) => {
    if (!applied) {
      return
    }
    const service =
      container.resolve<CredentialsModuleService>(CREDENTIALS_MODULE)
    await service.undoCredentialIntents(applied)
  }
)
