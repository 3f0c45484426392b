import { defineWidgetConfig } from "@medusajs/admin-sdk"
import { Button, Container, Heading, Skeleton, Text } from "@medusajs/ui"
import { useState } from "react"
import { Link } from "react-router-dom"
import { CreateCustomerDrawer } from "../components/create-customer-drawer"
import { useRegistrationCounts } from "../hooks/registration-counts"
import { createCustomerLabels } from "../labels/create-customer"
import { customerListLabels as labels } from "../labels/customer-list"
import { errorMessage } from "../lib/errors"

const linkClass =
  "text-ui-fg-interactive hover:text-ui-fg-interactive-hover transition-fg txt-compact-small-plus"

/**
 * On the customers list: how many customers have a login and how many do
 * not, with links to core's own "Account" filter, and "Create customer with
 * login" (core's Create customer form cannot be extended).
 */
const CustomerRegistrationsWidget = () => {
  const { data, isPending, isError, error } = useRegistrationCounts()
  const [createOpen, setCreateOpen] = useState(false)

  return (
    <Container
      className="flex flex-col gap-y-2 px-6 py-4"
      data-testid="customer-registrations"
    >
      <div className="flex flex-wrap items-center justify-between gap-x-4 gap-y-2">
        <div className="flex items-center gap-x-3">
          <Heading level="h2">{labels.title}</Heading>
          <Button
            size="small"
            variant="secondary"
            onClick={() => setCreateOpen(true)}
            data-testid="create-customer-with-login"
          >
            {createCustomerLabels.open}
          </Button>
        </div>
        {isPending ? (
          <Skeleton className="h-5 w-48" />
        ) : isError ? (
          <Text size="small" className="text-ui-fg-error">
            {errorMessage(error, labels.loadError)}
          </Text>
        ) : (
          <div
            className="flex items-center gap-x-4"
            data-testid="registration-counts"
          >
            <Link
              to="/customers?has_account=true"
              className={linkClass}
              title={labels.showRegistered}
            >
              {labels.registered(data.registered)}
            </Link>
            <Link
              to="/customers?has_account=false"
              className={linkClass}
              title={labels.showNotRegistered}
            >
              {labels.notRegistered(data.notRegistered)}
            </Link>
          </div>
        )}
      </div>
      <Text size="small" className="text-ui-fg-subtle">
        {labels.hint}
      </Text>
      <CreateCustomerDrawer open={createOpen} onOpenChange={setCreateOpen} />
    </Container>
  )
}

// "customer.list" is 2.21's name for "customer.list.before" (the suffix is
// deprecated since 2.17.2; an admin places the widget with the layout settings).
export const config = defineWidgetConfig({
  zone: "customer.list",
  id: "customer-credentials:registrations",
})

export default CustomerRegistrationsWidget
