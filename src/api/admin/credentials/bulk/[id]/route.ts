import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { CREDENTIALS_MODULE } from "../../../../../modules/credentials"
import type CredentialsModuleService from "../../../../../modules/credentials/service"
import { formatCredentialBulkJob } from "../format-job"

/** A bulk onboarding job's progress: counters, status and the first errors. */
export const GET = async (
  req: AuthenticatedMedusaRequest,
  res: MedusaResponse
) => {
  const [job] = await req.scope
    .resolve<CredentialsModuleService>(CREDENTIALS_MODULE)
    .listCredentialBulkJobs(
      { id: req.params.id },
      {
        take: 1,
        // Not the named customer ids: up to 10,000 of them.
        select: [
          "id",
          "action",
          "status",
          "all_unregistered",
          "total",
          "processed",
          "succeeded",
          "failed",
          "errors",
          "failure_reason",
          "created_by",
          "created_at",
          "started_at",
          "finished_at",
        ],
      }
    )
  if (!job) {
    throw new MedusaError(
      MedusaError.Types.NOT_FOUND,
      `Bulk job with id: ${req.params.id} was not found`
    )
  }
  res.json({ job: formatCredentialBulkJob(job) })
}
