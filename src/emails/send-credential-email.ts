import type {
  MedusaContainer,
  NotificationDTO,
} from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { randomUUID } from "node:crypto"
import { CREDENTIALS_MODULE } from "../modules/credentials"
import type CredentialsModuleService from "../modules/credentials/service"
import type { CredentialEmailTemplates } from "../modules/credentials/types"
import { removeSentSecrets, rewriteWithoutSecrets } from "./remove-sent-secrets"
import type { CredentialEmail } from "./types"

export type SendCredentialEmailInput = {
  to: string
  template: keyof CredentialEmailTemplates
  email: CredentialEmail
  customer_id?: string | null
  trigger: string
  /**
   * The Notification Module's idempotency key: a bulk batch sets one per
   * job and customer, so a retried batch emails no one twice. A fresh one
   * otherwise.
   */
  idempotency_key?: string
}

/** Key prefix of the plugin's emails that are not part of a bulk job. */
const EMAIL_KEY_PREFIX = "credential-email:"

/**
 * Sends emails through Medusa's Notification Module, on the `email` channel,
 * with the template names from the plugin options and a plain-text body any
 * provider can send as is.
 *
 * No live secret at rest: the module stores each notification with the data
 * it hands the provider, and core has no route that sends a stored one
 * again. Once the module has handed them over (sent or failed), the stored
 * rows are rewritten without their password or link
 * (`removeSentSecrets`): the admin's `GET /admin/notifications` and a
 * database backup show that an email went out, to whom, with which subject
 * and text, but not the secret. Sending again means running the action
 * again (reset, activation, generate), which issues a new secret. A server
 * that stops between the two writes leaves a row for the scheduled job
 * `remove-sent-email-secrets`.
 */
export const sendCredentialEmails = async (
  container: MedusaContainer,
  inputs: SendCredentialEmailInput[]
) => {
  if (!inputs.length) {
    return []
  }
  const options = await container
    .resolve<CredentialsModuleService>(CREDENTIALS_MODULE)
    .getOptions()
  const notifications = container.resolve(Modules.NOTIFICATION)
  const keys = inputs.map(
    (input) => input.idempotency_key ?? `${EMAIL_KEY_PREFIX}${randomUUID()}`
  )

  const removeSecrets = (only: string[]) =>
    removeSentSecrets(
      notifications,
      { idempotency_key: only },
      { skip: 0, take: only.length }
    )

  let sent: NotificationDTO[]
  try {
    sent = await notifications.createNotifications(
      inputs.map((input, i) => ({
        to: input.to,
        from: options.email_from ?? null,
        channel: "email",
        template: options.templates[input.template],
        trigger_type: input.trigger,
        resource_id: input.customer_id ?? null,
        resource_type: input.customer_id ? "customer" : null,
        idempotency_key: keys[i],
        content: { subject: input.email.subject, text: input.email.text },
        data: {
          subject: input.email.subject,
          text: input.email.text,
          ...input.email.data,
        },
      }))
    )
  } catch (error) {
    // A failed send is stored too (status "failure"), with its secret. The
    // send's error is the one to answer; the scheduled job retries the rest.
    await removeSecrets(keys).catch(() =>
      container
        .resolve(ContainerRegistrationKeys.LOGGER)
        .error(
          `The stored copies of ${keys.length} unsent email(s) still hold their password or link; the job remove-sent-email-secrets will remove them.`
        )
    )
    throw error
  }
  // The module answers the rows it created, as stored; a bulk batch's
  // retry also sent again the rows of its keys that had failed.
  await rewriteWithoutSecrets(notifications, sent)
  const created = new Set(
    sent.map(
      (row) => (row as { idempotency_key?: string | null }).idempotency_key
    )
  )
  const others = keys.filter((key) => !created.has(key))
  if (others.length) {
    await removeSecrets(others)
  }
  return sent.map(({ id }) => ({ id }))
}

/** One email: see `sendCredentialEmails`. */
export const sendCredentialEmail = async (
  container: MedusaContainer,
  input: SendCredentialEmailInput
) => (await sendCredentialEmails(container, [input]))[0]
