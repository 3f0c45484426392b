import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { loadBulkCustomers } from "../utils/bulk-onboarding"

export const loadBulkCustomersStepId = "load-bulk-customers"

/**
 * Reads a batch of customers and their logins; those that cannot get a login
 * come back as failures, before anything is written.
 */
export const loadBulkCustomersStep = createStep(
  loadBulkCustomersStepId,
  async (input: { customer_ids: string[] }, { container }) => {
    return new StepResponse(
      await loadBulkCustomers(container, input.customer_ids)
    )
  }
)
