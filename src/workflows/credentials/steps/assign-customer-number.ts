import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { CREDENTIALS_MODULE } from "../../../modules/credentials"
import type CredentialsModuleService from "../../../modules/credentials/service"

export const assignCustomerNumberStepId = "assign-customer-number"

/**
 * Gives the customer a customer number on first need; a number once given
 * never changes. Compensation takes back only a number this step gave.
 */
export const assignCustomerNumberStep = createStep(
  assignCustomerNumberStepId,
  async (credentialId: string, { container }) => {
    const service =
      container.resolve<CredentialsModuleService>(CREDENTIALS_MODULE)
    const credential = await service.retrieveCustomerCredential(credentialId)
    if (credential.customer_number) {
      // null: an undefined input would hand the row to the compensation.
      return new StepResponse(credential, null as string | null)
    }
    const updated = await service.updateCustomerCredentials({
      id: credentialId,
      customer_number: await service.nextCustomerNumber(),
    })
    return new StepResponse(updated, credentialId)
  },
  async (credentialId, { container }) => {
    if (!credentialId) {
      return
    }
    const service =
      container.resolve<CredentialsModuleService>(CREDENTIALS_MODULE)
    await service.updateCustomerCredentials({
      id: credentialId,
      customer_number: null,
    })
  }
)
