import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { jwtConfigFrom } from "../../../api/utils/jwt-config"
import { CREDENTIALS_MODULE } from "../../../modules/credentials"
import type CredentialsModuleService from "../../../modules/credentials/service"
import { bulkGenerateCredentialsBatchWorkflow } from "../bulk-generate-credentials-batch"
import { bulkSendActivationBatchWorkflow } from "../bulk-send-activation-batch"
import { generateCustomerCredentialsWorkflow } from "../../credentials/generate-customer-credentials"
import { sendCustomerActivationWorkflow } from "../../credentials/send-customer-activation"
import type { CredentialActor } from "../../shared/steps/record-credential-event"
import {
  BULK_BATCH_SIZE,
  bulkErrorMessage,
  type BulkAction,
  type BulkFailure,
  MAX_BULK_ERRORS,
} from "./bulk-onboarding"

type BatchOutcome = { succeeded: string[]; failures: BulkFailure[] }

/** The job's customers, one batch at a time (never all of them in memory). */
async function* batchesOf(
  container: MedusaContainer,
  job: {
    customer_ids: unknown
    all_unregistered: boolean
    last_customer_id: string | null
  },
  size: number
): AsyncGenerator<string[]> {
  if (Array.isArray(job.customer_ids)) {
    const ids = job.customer_ids as string[]
    // A resumed job starts after the last customer of its last batch.
    const first = job.last_customer_id
      ? ids.indexOf(job.last_customer_id) + 1
      : 0
    for (let start = first; start < ids.length; start += size) {
      yield ids.slice(start, start + size)
    }
    return
  }
  // Every customer without a login, by id: a customer processed (or failed)
  // is behind the cursor, so each is visited once.
  const customers = container.resolve(Modules.CUSTOMER)
  let after = job.last_customer_id ?? ""
  for (;;) {
    const page = await customers.listCustomers(
      {
        has_account: false,
        // An operator filter; the filter's type names plain values only.
        ...(after ? { id: { $gt: after } as never } : {}),
      },
      { take: size, select: ["id"], order: { id: "ASC" } }
    )
    if (!page.length) {
      return
    }
    after = page[page.length - 1].id
    yield page.map((customer) => customer.id)
  }
}

/**
 * A batch in one go; if the batch as a whole fails (an email provider error,
 * say), it was rolled back and its customers are retried one by one with the
 * single-customer workflow, so each failure is reported on its customer.
 */
const runBatch = async (
  container: MedusaContainer,
  jobId: string,
  action: BulkAction,
  customerIds: string[],
  actor: CredentialActor
): Promise<BatchOutcome> => {
  const jwt = jwtConfigFrom(container)
  try {
    const { result } =
      action === "send_activation"
        ? await bulkSendActivationBatchWorkflow(container).run({
            input: { job_id: jobId, customer_ids: customerIds, actor, jwt },
          })
        : await bulkGenerateCredentialsBatchWorkflow(container).run({
            input: { job_id: jobId, customer_ids: customerIds, actor },
          })
    return result
  } catch {
    const outcome: BatchOutcome = { succeeded: [], failures: [] }
    for (const customerId of customerIds) {
      try {
        if (action === "send_activation") {
          await sendCustomerActivationWorkflow(container).run({
            input: { customer_id: customerId, actor, jwt, bulk_job_id: jobId },
          })
        } else {
          await generateCustomerCredentialsWorkflow(container).run({
            input: { customer_id: customerId, actor, bulk_job_id: jobId },
          })
        }
        outcome.succeeded.push(customerId)
      } catch (error) {
        outcome.failures.push({
          customer_id: customerId,
          message: bulkErrorMessage(error),
        })
      }
    }
    return outcome
  }
}

/**
 * Works through a queued bulk job, batch by batch, and records progress
 * and the last customer reached after each batch. Runs once per job (the
 * claim is atomic); `resume` continues a job reclaimed from a server that
 * stopped, after its last finished batch. Per-customer errors are counted
 * and the first ones kept, without secrets; they never stop the job. Only
 * an error outside the batches (the database going away) marks the whole
 * job failed.
 */
export const runCredentialBulkJob = async (
  container: MedusaContainer,
  jobId: string,
  options: { resume?: boolean } = {}
): Promise<void> => {
  const service =
    container.resolve<CredentialsModuleService>(CREDENTIALS_MODULE)
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  if (!options.resume && !(await service.claimBulkJob(jobId))) {
    return
  }
  const job = await service.retrieveCredentialBulkJob(jobId)
  const action = job.action as BulkAction
  const actor: CredentialActor = job.created_by
    ? { type: "user", id: job.created_by }
    : { type: "system" }
  const progress = {
    processed: job.processed,
    succeeded: job.succeeded,
    failed: job.failed,
  }
  const errors: BulkFailure[] = [
    ...((job.errors as unknown as BulkFailure[] | null) ?? []),
  ]

  try {
    for await (const customerIds of batchesOf(
      container,
      job,
      BULK_BATCH_SIZE[action]
    )) {
      const outcome = await runBatch(
        container,
        jobId,
        action,
        customerIds,
        actor
      )
      progress.processed += customerIds.length
      progress.succeeded += outcome.succeeded.length
      progress.failed += outcome.failures.length
      errors.push(...outcome.failures.slice(0, MAX_BULK_ERRORS - errors.length))
      await service.updateCredentialBulkJobs({
        id: jobId,
        ...progress,
        last_customer_id: customerIds[customerIds.length - 1],
        errors: errors.length
          ? (errors as unknown as Record<string, unknown>)
          : null,
      })
    }
    await service.updateCredentialBulkJobs({
      id: jobId,
      status: "completed",
      // All unregistered customers: the count when the job started may have moved.
      ...(job.all_unregistered ? { total: progress.processed } : {}),
      finished_at: new Date(),
    })
  } catch (error) {
    logger.error(
      `Credential bulk job ${jobId} (${action}) stopped after ${progress.processed} customers: ${bulkErrorMessage(error)}`
    )
    await service.updateCredentialBulkJobs({
      id: jobId,
      status: "failed",
      failure_reason: bulkErrorMessage(error),
      finished_at: new Date(),
    })
  }
}
