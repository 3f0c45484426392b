import type { MedusaContainer } from "@medusajs/framework/types"
import { CREDENTIALS_MODULE } from "../../../src/modules/credentials"
import type CredentialsModuleService from "../../../src/modules/credentials/service"

export const credentialsService = (container: MedusaContainer) =>
  container.resolve<CredentialsModuleService>(CREDENTIALS_MODULE)

/** The response of a request that is expected to fail. */
export type FailedResponse = {
  status: number
  headers: Record<string, string>
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  data: any
}

export const failure = (error: { response?: FailedResponse }) => {
  if (!error.response) {
    throw error
  }
  return error.response
}
