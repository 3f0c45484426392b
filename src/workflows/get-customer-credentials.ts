import {
  createWorkflow,
  transform,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import { useQueryGraphStep } from "@medusajs/medusa/core-flows"
import { NO_CREDENTIAL_ROW } from "../api/utils/format-customer-credentials"
import { readLoginStatusStep } from "./steps/read-login-status"

export type GetCustomerCredentialsWorkflowInput = {
  customer_id: string
}

export const getCustomerCredentialsWorkflowId = "get-customer-credentials"

/**
 * Reads a customer's login state (the credential row's defaults when it has
 * none yet; nothing is written). Fails with NOT_FOUND for an unknown
 * customer.
 */
export const getCustomerCredentialsWorkflow = createWorkflow(
  getCustomerCredentialsWorkflowId,
  (input: GetCustomerCredentialsWorkflowInput) => {
    const { data: customers } = useQueryGraphStep({
      entity: "customer",
      fields: ["id", "email", "has_account", "customer_credential.*"],
      filters: { id: input.customer_id },
      options: { throwIfKeyNotFound: true },
    })
    const customer = transform({ customers }, ({ customers }) => customers[0])
    const credential = transform(
      { customer },
      ({ customer }) => customer.customer_credential ?? NO_CREDENTIAL_ROW
    )
    const login = readLoginStatusStep(customer)
    return new WorkflowResponse(
      transform({ customer, credential, login }, (data) => data)
    )
  }
)
