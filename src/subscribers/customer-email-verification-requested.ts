import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { AuthWorkflowEvents, Modules } from "@medusajs/framework/utils"
import { accountConfirmationEmail } from "../emails/account-confirmation"
import { sendCredentialEmail } from "../emails/send-credential-email"
import { fillLinkTemplate } from "../emails/types"
import { CREDENTIALS_MODULE } from "../modules/credentials"
import type CredentialsModuleService from "../modules/credentials/service"
import { EMAIL_ENTITY_TYPE } from "../workflows/utils/email-verification"

type VerificationRequested = {
  entity_id: string
  entity_type: string
  code_provider: string
  auth_identity_id: string
  code: string
  expires_at: string | Date
}

/**
 * Core's verification request (registration, "resend activation") carries a
 * one-time code and sends nothing: this emails a customer the link that
 * confirms their email address.
 */
export default async function customerEmailVerificationRequestedHandler({
  event: { data, name },
  container,
}: SubscriberArgs<VerificationRequested>) {
  if (data.entity_type !== EMAIL_ENTITY_TYPE || !data.code) {
    return
  }
  const identity = await container
    .resolve(Modules.AUTH)
    .retrieveAuthIdentity(data.auth_identity_id, {
      select: ["id", "app_metadata"],
    })
  const customerId = identity.app_metadata?.customer_id as string | undefined
  if (!customerId) {
    return
  }

  const customers = await container
    .resolve(Modules.CUSTOMER)
    .listCustomers({ id: customerId }, { select: ["first_name", "last_name"] })
  const options = await container
    .resolve<CredentialsModuleService>(CREDENTIALS_MODULE)
    .getOptions()

  const link = fillLinkTemplate(options.activation_url, {
    storefront_url: options.storefront_url,
    token: data.code,
    email: data.entity_id,
  })

  await sendCredentialEmail(container, {
    to: data.entity_id,
    template: "activation",
    trigger: name,
    customer_id: customerId,
    email: accountConfirmationEmail(
      {
        email: data.entity_id,
        first_name: customers[0]?.first_name,
        last_name: customers[0]?.last_name,
      },
      link,
      new Date(data.expires_at)
    ),
  })
}

export const config: SubscriberConfig = {
  event: AuthWorkflowEvents.VERIFICATION_REQUESTED,
}
