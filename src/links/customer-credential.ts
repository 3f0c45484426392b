import { defineLink } from "@medusajs/framework/utils"
import CustomerModule from "@medusajs/medusa/customer"
import CredentialsModule from "../modules/credentials"

/**
 * customer.customer_credential: a read-only link, because the credential row
 * already holds `customer_id`. No pivot table to keep in sync, and the query
 * graph can still join a customer to its login state in one call.
 */
export default defineLink(
  {
    linkable: CustomerModule.linkable.customer,
    field: "id",
  },
  {
    ...CredentialsModule.linkable.customerCredential.id,
    primaryKey: "customer_id",
  },
  {
    readOnly: true,
  }
)
