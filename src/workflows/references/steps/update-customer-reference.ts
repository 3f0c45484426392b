import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { CREDENTIALS_MODULE } from "../../../modules/credentials"
import type CredentialsModuleService from "../../../modules/credentials/service"

export type CustomerReferenceChanges = {
  display_name?: string | null
  internet_user?: boolean
  permissions?: Record<string, boolean> | null
}

export const updateCustomerReferenceStepId = "update-customer-reference"

/**
 * Changes a reference of the given account; compensation restores it.
 * `access_revoked`: the login may no longer sign in for the account
 * (internet user turned off), so its sessions must end.
 */
export const updateCustomerReferenceStep = createStep(
  updateCustomerReferenceStepId,
  async (
    input: {
      id: string
      customer_id: string
      changes: CustomerReferenceChanges
    },
    { container }
  ) => {
    const service =
      container.resolve<CredentialsModuleService>(CREDENTIALS_MODULE)
    const [before] = await service.listCustomerReferences(
      { id: input.id, customer_id: input.customer_id },
      { take: 1 }
    )
    if (!before) {
      throw new MedusaError(
        MedusaError.Types.NOT_FOUND,
        `Reference ${input.id} of customer ${input.customer_id} was not found`
      )
    }
    const changes = { ...input.changes }
    if (changes.permissions) {
      changes.permissions = {
        ...((before.permissions as Record<string, boolean> | null) ?? {}),
        ...changes.permissions,
      }
    }
    const updated = await service.updateCustomerReferences({
      id: input.id,
      ...changes,
    })
    return new StepResponse(
      {
        reference: updated,
        access_revoked: before.internet_user && updated.internet_user === false,
      },
      {
        id: before.id,
        display_name: before.display_name,
        internet_user: before.internet_user,
        permissions: before.permissions as Record<string, boolean> | null,
      }
    )
  },
  async (previous, { container }) => {
    if (!previous) {
      return
    }
    await container
      .resolve<CredentialsModuleService>(CREDENTIALS_MODULE)
      .updateCustomerReferences(previous)
  }
)
