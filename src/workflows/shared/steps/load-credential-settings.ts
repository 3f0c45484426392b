import type { MedusaContainer } from "@medusajs/framework/types"
import {
  ContainerRegistrationKeys,
  MedusaError,
} from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { CREDENTIALS_MODULE } from "../../../modules/credentials"
import type CredentialsModuleService from "../../../modules/credentials/service"
import type { CredentialSettingsValues } from "../../../modules/credentials/types"

/**
 * Store ids already read, per running application (keyed by its config
 * object, one per application; module services are not a stable key, since
 * a workflow resolves them through a proxy of its own): Medusa runs one
 * store, created once and never replaced, so its id is read once instead of
 * on every sign-in.
 */
const knownStoreIds = new WeakMap<object, string>()

/** The id of the store whose credential settings apply (Medusa runs one store). */
export const resolveStoreId = async (
  container: MedusaContainer
): Promise<string> => {
  const app = container.resolve<object>(ContainerRegistrationKeys.CONFIG_MODULE)
  const known = knownStoreIds.get(app)
  if (known) {
    return known
  }
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "store",
    fields: ["id"],
    pagination: { take: 1, skip: 0, order: { created_at: "ASC" } },
  })
  if (!data[0]) {
    throw new MedusaError(
      MedusaError.Types.NOT_FOUND,
      "No store exists yet: run the migrations and start Medusa once."
    )
  }
  knownStoreIds.set(app, data[0].id)
  return data[0].id
}

/** The credential settings in force for the store. */
export const loadCredentialSettings = async (
  container: MedusaContainer
): Promise<CredentialSettingsValues> => {
  const service =
    container.resolve<CredentialsModuleService>(CREDENTIALS_MODULE)
  return service.retrieveEffectiveSettings(await resolveStoreId(container))
}

export const loadCredentialSettingsStepId = "load-credential-settings"

export const loadCredentialSettingsStep = createStep(
  loadCredentialSettingsStepId,
  async (_: void, { container }) => {
    return new StepResponse(await loadCredentialSettings(container))
  }
)
