import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { passwordChangedEmail } from "../emails/password-changed"
import { sendCredentialEmail } from "../emails/send-credential-email"
import { CredentialsEvents } from "../modules/credentials/events"
import { findLoginEmail } from "../workflows/shared/utils/customer-login"

type PasswordChanged = {
  customer_id: string
  auth_identity_id?: string
  login_email?: string
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
  // The login's own email: a B2B login acting for a company is a person
  // whose email is not the company's. One login, one email.
  const loginEmail =
    data.login_email ??
    (data.auth_identity_id
      ? await findLoginEmail(container, data.auth_identity_id)
      : null)
  const to = loginEmail ?? customer?.email
  if (!to) {
    logger.warn(
      `${name}: customer ${data.customer_id} has no email; no email sent`
    )
    return
  }

  await sendCredentialEmail(container, {
    to,
    template: "password_changed",
    trigger: name,
    customer_id: customer.id,
    email: passwordChangedEmail(
      {
        email: to,
        first_name:
          loginEmail === customer?.email ? customer?.first_name : null,
      },
      data.changed_by
    ),
  })
}

export const config: SubscriberConfig = {
  event: CredentialsEvents.PASSWORD_CHANGED,
}
