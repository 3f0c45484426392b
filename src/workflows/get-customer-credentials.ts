import {
  createWorkflow,
  transform,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import { useQueryGraphStep } from "@medusajs/medusa/core-flows"
import { ensureCustomerCredentialStep } from "./steps/ensure-customer-credential"
import { readLoginStatusStep } from "./steps/read-login-status"

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

    const customer = transform({ customers }, ({ customers }) => customers[0])
    const login = readLoginStatusStep(customer)

    const result = transform({ customer, credential, login }, (data) => data)

    return new WorkflowResponse(result)
  }
)
