import type { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { CREDENTIALS_MODULE } from "../modules/credentials"
import type CredentialsModuleService from "../modules/credentials/service"
import type { CredentialEmailTemplates } from "../modules/credentials/types"
import type { CredentialEmail } from "./types"

export type SendCredentialEmailInput = {
  to: string
  template: keyof CredentialEmailTemplates
  email: CredentialEmail
  customer_id?: string | null
  trigger: string
}

/**
 * Creates one email notification through Medusa's Notification Module, on the
 * `email` channel, with the template name from the plugin options and a
 * plain-text body any provider can send as is.
 */
export const sendCredentialEmail = async (
  container: MedusaContainer,
  input: SendCredentialEmailInput
) => {
  const options = await container
    .resolve<CredentialsModuleService>(CREDENTIALS_MODULE)
    .getOptions()
  const notifications = container.resolve(Modules.NOTIFICATION)

  return await notifications.createNotifications({
    to: input.to,
    from: options.email_from ?? null,
    channel: "email",
    template: options.templates[input.template],
    trigger_type: input.trigger,
    resource_id: input.customer_id ?? null,
    resource_type: input.customer_id ? "customer" : null,
    content: { subject: input.email.subject, text: input.email.text },
    data: {
      subject: input.email.subject,
      text: input.email.text,
      ...input.email.data,
    },
  })
}
