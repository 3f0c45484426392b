import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { CREDENTIALS_MODULE } from "../../../modules/credentials"
import type CredentialsModuleService from "../../../modules/credentials/service"

export const loadCredentialsOptionsStepId = "load-credentials-options"

/** The plugin options (checked at start-up), for steps that need links or TTLs. */
export const loadCredentialsOptionsStep = createStep(
  loadCredentialsOptionsStepId,
  async (_: void, { container }) => {
    const service =
      container.resolve<CredentialsModuleService>(CREDENTIALS_MODULE)
    return new StepResponse(await service.getOptions())
  }
)
