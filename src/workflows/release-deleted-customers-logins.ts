import {
  createWorkflow,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import { releaseDeletedCustomersLoginsStep } from "./steps/release-deleted-customers-logins"

export const releaseDeletedCustomersLoginsWorkflowId =
  "release-deleted-customers-logins"

/** What the plugin keeps for customers that core deleted, let go. */
export const releaseDeletedCustomersLoginsWorkflow = createWorkflow(
  releaseDeletedCustomersLoginsWorkflowId,
  (input: { customer_ids: string[] }) =>
    new WorkflowResponse(releaseDeletedCustomersLoginsStep(input))
)
