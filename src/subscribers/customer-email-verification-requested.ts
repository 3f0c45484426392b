import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import {
  AuthWorkflowEvents,
  ContainerRegistrationKeys,
  Modules,
} from "@medusajs/framework/utils"
import { accountConfirmationEmail } from "../emails/account-confirmation"
import { sendCredentialEmail } from "../emails/send-credential-email"
import { fillLinkTemplate } from "../emails/types"
import { CREDENTIALS_MODULE } from "../modules/credentials"
import type CredentialsModuleService from "../modules/credentials/service"
import { EMAIL_ENTITY_TYPE } from "../workflows/shared/utils/email-verification"
import { findLoginEmail } from "../workflows/shared/utils/customer-login"
import { sameEmail } from "../workflows/registration/utils/verification-ownership"

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
 * confirms their email address, and only to the login's own email: a code
 * asked for another address (through core's `POST /auth/verification/request`
 * or any other path) is never sent, so the store's email cannot be relayed
 * to a stranger.
 */
export default async function customerEmailVerificationRequestedHandler({
  event: { data, name },
  container,
}: SubscriberArgs<VerificationRequested>) {
  if (data.entity_type !== EMAIL_ENTITY_TYPE || !data.code) {
    return
  }
  const loginEmail = data.auth_identity_id
    ? await findLoginEmail(container, data.auth_identity_id)
    : null
  if (!loginEmail || !sameEmail(loginEmail, data.entity_id)) {
    container
      .resolve(ContainerRegistrationKeys.LOGGER)
      .warn(
        `Email confirmation not sent: the address asked for is not the email of login ${data.auth_identity_id}.`
      )
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
    email: loginEmail,
  })

  await sendCredentialEmail(container, {
    to: loginEmail,
    template: "activation",
    trigger: name,
    customer_id: customerId,
    email: accountConfirmationEmail(
      {
        email: loginEmail,
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
