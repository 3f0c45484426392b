import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { CREDENTIALS_MODULE } from "../../../modules/credentials"
import type CredentialsModuleService from "../../../modules/credentials/service"

export type EnsureCustomerCredentialStepInput = {
  customer_id: string
}

export const ensureCustomerCredentialStepId = "ensure-customer-credential"

/**
 * Returns the customer's credential row, creating the default one on first
 * need. Compensation removes the row only if this step created it.
 */
export const ensureCustomerCredentialStep = createStep(
  ensureCustomerCredentialStepId,
  async (input: EnsureCustomerCredentialStepInput, { container }) => {
    const service: CredentialsModuleService =
      container.resolve(CREDENTIALS_MODULE)

    const { credential, created } = await service.ensureCustomerCredential(
      input.customer_id
    )

    // null, not undefined: without a compensation input Medusa hands the
    // output (the existing row) to the compensation, which would delete it.
    return new StepResponse(credential, created ? credential.id : null)
  },
  async (createdId: string | null | undefined, { container }) => {
    if (!createdId) {
      return
    }
    const service: CredentialsModuleService =
      container.resolve(CREDENTIALS_MODULE)
    await service.deleteCustomerCredentials(createdId)
  }
)
