import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { startCredentialBulkJobWorkflow } from "../../../../workflows/bulk/start-credential-bulk-job"
import { formatCredentialBulkJob } from "./format-job"
import type { AdminStartCredentialBulkJobType } from "./validators"

/**
 * Bulk onboarding: "send activation email" or "generate and send
 * credentials" for many customers. Answers 202 with the queued job at once;
 * the work runs in the background (`GET /admin/credentials/bulk/:id`).
 */
export const POST = async (
  req: AuthenticatedMedusaRequest<AdminStartCredentialBulkJobType>,
  res: MedusaResponse
) => {
  const { action, customer_ids, all_unregistered } = req.validatedBody
  const { result } = await startCredentialBulkJobWorkflow(req.scope).run({
    input: {
      action,
      customer_ids,
      all_unregistered,
      created_by: req.auth_context.actor_id ?? null,
    },
  })
  res.status(202).json({ job: formatCredentialBulkJob(result) })
}
