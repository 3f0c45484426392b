import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { CREDENTIALS_MODULE } from "../../../modules/credentials"
import type CredentialsModuleService from "../../../modules/credentials/service"

export type CreateCustomerReferenceStepInput = {
  auth_identity_id: string
  customer_id: string
  email: string
  display_name?: string | null
  internet_user?: boolean
  permissions?: Record<string, boolean> | null
}

export const createCustomerReferenceStepId = "create-customer-reference"

export const createCustomerReferenceStep = createStep(
  createCustomerReferenceStepId,
  async (input: CreateCustomerReferenceStepInput, { container }) => {
    const service =
      container.resolve<CredentialsModuleService>(CREDENTIALS_MODULE)
    const [existing] = await service.listCustomerReferences(
      {
        auth_identity_id: input.auth_identity_id,
        customer_id: input.customer_id,
      },
      { take: 1 }
    )
    if (existing) {
      throw new MedusaError(
        MedusaError.Types.DUPLICATE_ERROR,
        `${input.email} is already a reference of this account.`
      )
    }
    const reference = await service.createCustomerReferences({
      auth_identity_id: input.auth_identity_id,
      customer_id: input.customer_id,
      email: input.email,
      display_name: input.display_name ?? null,
      internet_user: input.internet_user ?? true,
      permissions: input.permissions ?? null,
    })
    return new StepResponse(reference, reference.id)
  },
  async (id, { container }) => {
    if (!id) {
      return
    }
    await container
      .resolve<CredentialsModuleService>(CREDENTIALS_MODULE)
      .deleteCustomerReferences([id])
  }
)
