import { MedusaError, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { CredentialEmail } from "../../../emails/types"
import { CREDENTIALS_MODULE } from "../../../modules/credentials"
import type CredentialsModuleService from "../../../modules/credentials/service"
import type { CredentialEmailTemplates } from "../../../modules/credentials/types"

export type SendBulkCredentialEmailsStepInput = {
  job_id: string
  template: keyof CredentialEmailTemplates
  trigger: string
  emails: { to: string; customer_id: string; email: CredentialEmail }[]
}

export const sendBulkCredentialEmailsStepId = "send-bulk-credential-emails"

/**
 * The batch's emails in one Notification Module call, with the same template,
 * content and data as the single-customer flows. Each carries an idempotency
 * key (job and customer), so a retried batch never emails anyone twice.
 * Last step of its workflow: an email cannot be unsent.
 */
export const sendBulkCredentialEmailsStep = createStep(
  sendBulkCredentialEmailsStepId,
  async (input: SendBulkCredentialEmailsStepInput, { container }) => {
    if (!input.emails.length) {
      return new StepResponse({ sent: 0 })
    }
    const options = await container
      .resolve<CredentialsModuleService>(CREDENTIALS_MODULE)
      .getOptions()
    try {
      await container.resolve(Modules.NOTIFICATION).createNotifications(
        input.emails.map(({ to, customer_id, email }) => ({
          to,
          from: options.email_from ?? null,
          channel: "email",
          template: options.templates[input.template],
          trigger_type: input.trigger,
          resource_id: customer_id,
          resource_type: "customer",
          idempotency_key: `${input.job_id}:${customer_id}`,
          content: { subject: email.subject, text: email.text },
          data: { subject: email.subject, text: email.text, ...email.data },
        }))
      )
    } catch (error) {
      // The message names the failure, never an email's content (secrets).
      throw new MedusaError(
        MedusaError.Types.UNEXPECTED_STATE,
        `The ${input.template.replace(/_/g, " ")} emails could not be sent (${
          (error as Error).message.split("\n")[0]
        }), so nothing was changed for this batch.`
      )
    }
    return new StepResponse({ sent: input.emails.length })
  }
)
