import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import {
  AuthWorkflowEvents,
  ContainerRegistrationKeys,
} from "@medusajs/framework/utils"
import { passwordResetEmail } from "../emails/password-reset"
import { sendCredentialEmail } from "../emails/send-credential-email"
import { fillLinkTemplate } from "../emails/types"
import { CREDENTIALS_MODULE } from "../modules/credentials"
import type CredentialsModuleService from "../modules/credentials/service"
import { findEmailpassLogin } from "../workflows/shared/utils/customer-login"

/** Core's reset tokens live 15 minutes (generateResetPasswordTokenWorkflow). */
const CORE_RESET_TOKEN_MINUTES = 15

type PasswordReset = {
  entity_id: string
  actor_type: string
  token: string
  metadata?: Record<string, unknown>
}

/**
 * Core issues reset tokens (admin "Reset password", and the storefront's
 * `POST /auth/customer/emailpass/reset-password`) and sends no email: this
 * sends the customer's reset email with the storefront link.
 */
export default async function customerPasswordResetRequestedHandler({
  event: { data, name },
  container,
}: SubscriberArgs<PasswordReset>) {
  if (data.actor_type !== "customer") {
    return
  }
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const options = await container
    .resolve<CredentialsModuleService>(CREDENTIALS_MODULE)
    .getOptions()

  const email = data.entity_id
  const login = await findEmailpassLogin(container, email)
  const { data: customers } = login?.customer_id
    ? await query.graph({
        entity: "customer",
        fields: ["id", "first_name", "last_name"],
        filters: { id: login.customer_id },
      })
    : { data: [] }
  const customer = customers[0]

  const resetUrl = fillLinkTemplate(options.reset_password_url, {
    storefront_url: options.storefront_url,
    token: data.token,
    email,
  })

  await sendCredentialEmail(container, {
    to: email,
    template: "password_reset",
    trigger: name,
    customer_id: customer?.id ?? null,
    email: passwordResetEmail(
      {
        email,
        first_name: customer?.first_name,
        last_name: customer?.last_name,
      },
      resetUrl,
      CORE_RESET_TOKEN_MINUTES
    ),
  })
}

export const config: SubscriberConfig = {
  event: AuthWorkflowEvents.PASSWORD_RESET,
}
