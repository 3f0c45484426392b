import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { sendCredentialEmails } from "../../../emails/send-credential-email"
import type { CredentialEmail } from "../../../emails/types"
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
 * content and data as the single-customer flows (`sendCredentialEmails`:
 * the stored rows keep no password or link). Each carries an idempotency
 * key (job and customer), so a retried batch never emails anyone twice.
 * Last step of its workflow: an email cannot be unsent.
 */
export const sendBulkCredentialEmailsStep = createStep(
  sendBulkCredentialEmailsStepId,
  async (input: SendBulkCredentialEmailsStepInput, { container }) => {
    if (!input.emails.length) {
      return new StepResponse({ sent: 0 })
    }
    try {
      await sendCredentialEmails(
        container,
        input.emails.map(({ to, customer_id, email }) => ({
          to,
          template: input.template,
          trigger: input.trigger,
          customer_id,
          idempotency_key: `${input.job_id}:${customer_id}`,
          email,
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
