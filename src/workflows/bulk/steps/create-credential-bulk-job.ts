import { Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { CREDENTIALS_MODULE } from "../../../modules/credentials"
import type CredentialsModuleService from "../../../modules/credentials/service"
import type { BulkAction } from "../utils/bulk-onboarding"

export type CreateCredentialBulkJobStepInput = {
  action: BulkAction
  customer_ids?: string[]
  all_unregistered?: boolean
  created_by: string | null
}

export const createCredentialBulkJobStepId = "create-credential-bulk-job"

/**
 * Records a queued bulk job and its total: the named customers (duplicates
 * once), or how many customers have no login now. Compensation deletes it.
 */
export const createCredentialBulkJobStep = createStep(
  createCredentialBulkJobStepId,
  async (input: CreateCredentialBulkJobStepInput, { container }) => {
    const service =
      container.resolve<CredentialsModuleService>(CREDENTIALS_MODULE)
    const customerIds = input.customer_ids
      ? [...new Set(input.customer_ids)]
      : null
    const total = customerIds
      ? customerIds.length
      : (
          await container
            .resolve(Modules.CUSTOMER)
            .listAndCountCustomers(
              { has_account: false },
              { take: 1, select: ["id"] }
            )
        )[1]
    const job = await service.createCredentialBulkJobs({
      action: input.action,
      status: "queued",
      // A JSON array; the model's json type is written as an object.
      customer_ids: customerIds as unknown as Record<string, unknown> | null,
      all_unregistered: !customerIds,
      total,
      created_by: input.created_by,
    })
    return new StepResponse(job, job.id)
  },
  async (jobId, { container }) => {
    if (!jobId) {
      return
    }
    await container
      .resolve<CredentialsModuleService>(CREDENTIALS_MODULE)
      .deleteCredentialBulkJobs(jobId)
  }
)
