import type { MedusaContainer } from "@medusajs/framework/types"
import {
  ContainerRegistrationKeys,
  MedusaError,
} from "@medusajs/framework/utils"
import { readLoginStatus } from "../../workflows/credentials/steps/read-login-status"
import {
  formatCustomerCredentials,
  NO_CREDENTIAL_ROW,
} from "./format-customer-credentials"

/**
 * Reads a customer's login state the one way every admin route answers with:
 * the customer and its credential row in one query through the module link,
 * and core's login and verification record. Writes nothing: a customer who
 * has no row yet reads as the row's defaults.
 */
export const readCustomerCredentials = async (
  scope: MedusaContainer,
  customerId: string
) => {
  const { data } = await scope.resolve(ContainerRegistrationKeys.QUERY).graph({
    entity: "customer",
    fields: ["id", "email", "has_account", "customer_credential.*"],
    filters: { id: customerId },
  })
  const customer = data[0]
  if (!customer) {
    throw new MedusaError(
      MedusaError.Types.NOT_FOUND,
      `Customer with id: ${customerId} was not found`
    )
  }
  return formatCustomerCredentials({
    customer,
    credential: customer.customer_credential ?? NO_CREDENTIAL_ROW,
    login: await readLoginStatus(scope, customer),
  })
}
