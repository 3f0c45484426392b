import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { listCustomerLoginIds } from "../utils/customer-logins"

export const findCustomerLoginsStepId = "find-customer-logins"

/** The ids of every login that can open a session for the customer. */
export const findCustomerLoginsStep = createStep(
  findCustomerLoginsStepId,
  async (input: { customer_id: string }, { container }) =>
    new StepResponse(await listCustomerLoginIds(container, input.customer_id))
)
