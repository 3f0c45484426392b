import type { MedusaContainer } from "@medusajs/framework/types"
import { CREDENTIALS_MODULE } from "../../../src/modules/credentials"
import type CredentialsModuleService from "../../../src/modules/credentials/service"

export const credentialsService = (container: MedusaContainer) =>
  container.resolve<CredentialsModuleService>(CREDENTIALS_MODULE)

/** The response of a request that is expected to fail. */
export const failure = (error: {
  response?: { status: number; data: { message?: string; type?: string } }
}) => {
  if (!error.response) {
    throw error
  }
  return error.response
}
