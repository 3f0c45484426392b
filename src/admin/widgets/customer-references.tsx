import { defineWidgetConfig } from "@medusajs/admin-sdk"
import type {
  AdminCustomer,
  DetailWidgetProps,
} from "@medusajs/framework/types"
import { ReferencesSection } from "../components/references-section"

/**
 * On the customer's page, after "Login & credentials": the B2B logins that
 * may act for this customer account.
 */
const CustomerReferencesWidget = ({
  data: customer,
}: DetailWidgetProps<AdminCustomer>) => (
  <ReferencesSection customerId={customer.id} />
)

export const config = defineWidgetConfig({
  zone: "customer.details",
  id: "customer-credentials:references",
})

export default CustomerReferencesWidget
