import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { requireCustomerEmail } from "../utils/customer-login"

export type CustomerForLogin = {
  id: string
  email: string
  has_account: boolean
  first_name: string | null
  last_name: string | null
}

export const validateCustomerEmailStepId = "validate-customer-email"

/** A password login needs an email: refuse before anything is written. */
export const validateCustomerEmailStep = createStep(
  validateCustomerEmailStepId,
  async (customer: {
    id: string
    email?: string | null
    has_account?: boolean | null
    first_name?: string | null
    last_name?: string | null
  }) => {
    const email = requireCustomerEmail(customer)
    return new StepResponse<CustomerForLogin>({
      id: customer.id,
      email,
      has_account: Boolean(customer.has_account),
      first_name: customer.first_name ?? null,
      last_name: customer.last_name ?? null,
    })
  }
)
