import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { passwordChangedEmail } from "../emails/password-changed"
import { sendCredentialEmail } from "../emails/send-credential-email"
import { CredentialsEvents } from "../modules/credentials/events"

type PasswordChanged = {
  customer_id: string
  changed_by: "store" | "customer"
}

/** "Customer Password Changed": tells the customer, so a change they did not make is noticed. */
export default async function customerPasswordChangedHandler({
  event: { data, name },
  container,
}: SubscriberArgs<PasswordChanged>) {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)

  const { data: customers } = await query.graph({
    entity: "customer",
    fields: ["id", "email", "first_name", "last_name"],
    filters: { id: data.customer_id },
  })
  const customer = customers[0]
  if (!customer?.email) {
    logger.warn(
      `${name}: customer ${data.customer_id} has no email; no email sent`
    )
    return
  }

  await sendCredentialEmail(container, {
    to: customer.email,
    template: "password_changed",
    trigger: name,
    customer_id: customer.id,
    email: passwordChangedEmail(
      { ...customer, email: customer.email },
      data.changed_by
    ),
  })
}

export const config: SubscriberConfig = {
  event: CredentialsEvents.PASSWORD_CHANGED,
}
