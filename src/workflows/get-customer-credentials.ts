import {
  createWorkflow,
  transform,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import { useQueryGraphStep } from "@medusajs/medusa/core-flows"
import { ensureCustomerCredentialStep } from "./steps/ensure-customer-credential"

export type GetCustomerCredentialsWorkflowInput = {
  customer_id: string
}

export const getCustomerCredentialsWorkflowId = "get-customer-credentials"

/**
 * Reads a customer's login state, creating the default credential row the
 * first time it is needed. Fails with NOT_FOUND for an unknown customer before
 * anything is written.
 */
export const getCustomerCredentialsWorkflow = createWorkflow(
  getCustomerCredentialsWorkflowId,
  (input: GetCustomerCredentialsWorkflowInput) => {
    const { data: customers } = useQueryGraphStep({
      entity: "customer",
      fields: ["id", "email", "has_account"],
      filters: { id: input.customer_id },
      options: { throwIfKeyNotFound: true },
    })

    const credential = ensureCustomerCredentialStep({
      customer_id: input.customer_id,
    })

    const result = transform({ customers, credential }, (data) => ({
      customer: data.customers[0],
      credential: data.credential,
    }))

    return new WorkflowResponse(result)
  }
)
