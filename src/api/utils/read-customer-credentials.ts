import type { MedusaContainer } from "@medusajs/framework/types"
import { getCustomerCredentialsWorkflow } from "../../workflows/get-customer-credentials"
import { formatCustomerCredentials } from "./format-customer-credentials"

/** Reads a customer's login state the one way every admin route answers with. */
export const readCustomerCredentials = async (
  scope: MedusaContainer,
  customerId: string
) => {
  const { result } = await getCustomerCredentialsWorkflow(scope).run({
    input: { customer_id: customerId },
  })
  return formatCustomerCredentials(result)
}
