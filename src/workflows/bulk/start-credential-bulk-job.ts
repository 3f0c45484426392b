import {
  createWorkflow,
  transform,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import { emitEventStep } from "@medusajs/medusa/core-flows"
import { CredentialsEvents } from "../../modules/credentials/events"
import {
  createCredentialBulkJobStep,
  type CreateCredentialBulkJobStepInput,
} from "./steps/create-credential-bulk-job"

export type StartCredentialBulkJobWorkflowInput =
  CreateCredentialBulkJobStepInput

export const startCredentialBulkJobWorkflowId = "start-credential-bulk-job"

/**
 * Admin bulk onboarding: records the job and hands it to the background
 * (`customer_credentials.bulk_job_created`, whose subscriber works through
 * it batch by batch). The event carries the job id only.
 */
export const startCredentialBulkJobWorkflow = createWorkflow(
  startCredentialBulkJobWorkflowId,
  (input: StartCredentialBulkJobWorkflowInput) => {
    const job = createCredentialBulkJobStep(input)
    emitEventStep({
      eventName: CredentialsEvents.BULK_JOB_CREATED,
      data: transform({ job }, ({ job }) => ({ id: job.id })),
    })
    return new WorkflowResponse(job)
  }
)
