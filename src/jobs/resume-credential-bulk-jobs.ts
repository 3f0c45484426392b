import type { MedusaContainer } from "@medusajs/framework/types"
import { CREDENTIALS_MODULE } from "../modules/credentials"
import type CredentialsModuleService from "../modules/credentials/service"
import { runCredentialBulkJob } from "../workflows/bulk/utils/run-credential-bulk-job"

/**
 * A running job records its progress after every batch (a batch takes
 * seconds); one with no progress for this long lost its server.
 */
export const STALE_BULK_JOB_MINUTES = 15

/**
 * Bulk onboarding jobs survive a server stop: every five minutes, jobs
 * left running (or queued) by a server that went away are taken over and
 * continued after their last finished batch.
 */
export default async function resumeCredentialBulkJobs(
  container: MedusaContainer
) {
  const service =
    container.resolve<CredentialsModuleService>(CREDENTIALS_MODULE)
  const jobIds = await service.reclaimStaleBulkJobs(
    new Date(Date.now() - STALE_BULK_JOB_MINUTES * 60_000)
  )
  for (const jobId of jobIds) {
    await runCredentialBulkJob(container, jobId, { resume: true })
  }
}

export const config = {
  name: "resume-credential-bulk-jobs",
  schedule: "*/5 * * * *",
}
