import { defineWidgetConfig } from "@medusajs/admin-sdk"
import type {
  AdminCustomer,
  DetailWidgetProps,
} from "@medusajs/framework/types"
import { CredentialEventsSection } from "../components/credential-events-section"
import { CredentialsSection } from "../components/credentials-section"
import { SsoLoginsSection } from "../components/sso-logins-section"

/**
 * On the customer's page: "Login & credentials" (state, switches, actions),
 * the single sign-on logins, then the customer's login activity. One widget, so the two stay in order.
 */
const CustomerCredentialsWidget = ({
  data: customer,
}: DetailWidgetProps<AdminCustomer>) => (
  <div className="flex flex-col gap-y-3" data-testid="customer-credentials">
    <CredentialsSection customer={customer} />
    <SsoLoginsSection customerId={customer.id} />
    <CredentialEventsSection customerId={customer.id} />
  </div>
)

// "customer.details" is 2.21's name for what was "customer.details.after":
// since 2.17.2 the suffix is deprecated and widgets render at the end of the
// zone, where an admin can move them with the page's layout settings.
export const config = defineWidgetConfig({
  zone: "customer.details",
  id: "customer-credentials:login",
})

export default CustomerCredentialsWidget
