import { defineWidgetConfig } from "@medusajs/admin-sdk"
import type { AdminOrder, DetailWidgetProps } from "@medusajs/framework/types"
import {
  Button,
  Container,
  DropdownMenu,
  Heading,
  Text,
  toast,
  usePrompt,
} from "@medusajs/ui"
import { useState } from "react"
import { Link } from "react-router-dom"
import { EnterPasswordDrawer } from "../components/enter-password-drawer"
import { useCredentialSettings } from "../hooks/credential-settings"
import {
  useCustomerCredentials,
  useGenerateCredentials,
  useSendActivation,
} from "../hooks/customer-credentials"
import { createCustomerLabels } from "../labels/create-customer"
import { credentialsLabels, durationLabel } from "../labels/credentials"
import { errorMessage } from "../lib/errors"

const labels = createCustomerLabels.guest
const actions = credentialsLabels.actions

type Customer = {
  id: string
  email: string
  first_name?: string | null
  last_name?: string | null
}

/**
 * The order's customer has no login (a guest checkout): Create login
 * (generate and send; or enter a password while Allow Manual Entry is on)
 * and Send activation email, with the customer page's own routes, so an
 * agent can register the customer while handling the order. Hidden once
 * the customer has a login.
 */
const GuestLoginCard = ({ customer }: { customer: Customer }) => {
  const { data, isError } = useCustomerCredentials(customer.id)
  const settings = useCredentialSettings().data?.credential_settings
  const generate = useGenerateCredentials(customer.id)
  const activation = useSendActivation(customer.id)
  const prompt = usePrompt()
  const [passwordOpen, setPasswordOpen] = useState(false)

  if (isError) {
    return (
      <Container className="px-6 py-4" data-testid="order-guest-login">
        <Text size="small" className="text-ui-fg-error">
          {labels.loadError}
        </Text>
      </Container>
    )
  }
  if (!data || data.credentials.is_registered) {
    return null
  }

  const minutes = settings?.password_ticket_expiration_minutes ?? 0
  const expiry =
    minutes > 0 ? actions.generateExpiry(durationLabel(minutes)) : ""

  const confirmThen = async (
    options: { title: string; description: string; confirmText: string },
    run: () => Promise<unknown>,
    success: string
  ) => {
    const confirmed = await prompt({
      ...options,
      cancelText: actions.cancel,
      variant: "confirmation",
    })
    if (!confirmed) {
      return
    }
    try {
      await run()
      toast.success(success)
    } catch (error) {
      toast.error(errorMessage(error, labels.failed))
    }
  }

  const generateLogin = () =>
    confirmThen(
      {
        title: actions.createLoginPrompt.title,
        description: actions.createLoginPrompt.description(
          customer.email,
          expiry
        ),
        confirmText: actions.createLoginPrompt.confirm,
      },
      () => generate.mutateAsync(),
      labels.generated(customer.email)
    )

  const sendActivation = () =>
    confirmThen(
      {
        title: actions.activationPrompt.title,
        description: actions.activationPrompt.notRegistered(customer.email),
        confirmText: actions.activationPrompt.confirm,
      },
      () => activation.mutateAsync(),
      labels.activationSent(customer.email)
    )

  const busy = generate.isPending || activation.isPending

  return (
    <Container className="divide-y p-0" data-testid="order-guest-login">
      <div className="flex items-center justify-between px-6 py-4">
        <Heading level="h2">{labels.title}</Heading>
        <Link
          to={`/customers/${customer.id}`}
          className="text-ui-fg-interactive hover:text-ui-fg-interactive-hover txt-compact-small-plus"
        >
          {labels.openCustomer}
        </Link>
      </div>
      <div className="flex flex-col gap-y-3 px-6 py-4">
        <div className="flex flex-col gap-y-1">
          <Text size="small" weight="plus">
            {labels.noLogin}
          </Text>
          <Text size="small" className="text-ui-fg-subtle">
            {labels.hint}
          </Text>
        </div>
        <div className="flex flex-wrap gap-2">
          {settings?.allow_manual_entry ? (
            <DropdownMenu>
              <DropdownMenu.Trigger asChild>
                <Button size="small" variant="secondary" disabled={busy}>
                  {labels.createLogin}
                </Button>
              </DropdownMenu.Trigger>
              <DropdownMenu.Content>
                <DropdownMenu.Item onClick={generateLogin}>
                  {labels.generate}
                </DropdownMenu.Item>
                <DropdownMenu.Item onClick={() => setPasswordOpen(true)}>
                  {labels.enterPassword}
                </DropdownMenu.Item>
              </DropdownMenu.Content>
            </DropdownMenu>
          ) : (
            <Button
              size="small"
              variant="secondary"
              disabled={busy}
              onClick={generateLogin}
            >
              {labels.createLogin}
            </Button>
          )}
          <Button
            size="small"
            variant="secondary"
            disabled={busy}
            onClick={sendActivation}
          >
            {labels.sendActivation}
          </Button>
        </div>
      </div>
      {settings && (
        <EnterPasswordDrawer
          customer={customer}
          settings={settings}
          open={passwordOpen}
          onOpenChange={setPasswordOpen}
          createsLogin
        />
      )}
    </Container>
  )
}

const OrderGuestLoginWidget = ({
  data: order,
}: DetailWidgetProps<AdminOrder>) => {
  const customerId = order.customer_id ?? order.customer?.id
  const email = order.customer?.email ?? order.email
  if (!customerId) {
    return null
  }
  if (!email) {
    return (
      <Container className="px-6 py-4" data-testid="order-guest-login">
        <Text size="small" className="text-ui-fg-subtle">
          {labels.noEmail}
        </Text>
      </Container>
    )
  }
  return (
    <GuestLoginCard
      customer={{
        id: customerId,
        email,
        first_name: order.customer?.first_name ?? null,
        last_name: order.customer?.last_name ?? null,
      }}
    />
  )
}

// "order.details.side" is 2.21's name for "order.details.side.after".
export const config = defineWidgetConfig({
  zone: "order.details.side",
  id: "customer-credentials:order-guest-login",
})

export default OrderGuestLoginWidget
