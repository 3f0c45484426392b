import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import {
  sendCredentialEmail,
  SendCredentialEmailInput,
} from "../../../emails/send-credential-email"

export const sendCredentialEmailStepId = "send-credential-email"

/**
 * Sends an email that carries a secret (generated password, activation
 * link) from inside the workflow that made the secret: the secret never
 * travels on the event bus, and if sending fails the workflow rolls back the
 * password change. Place it last: an email cannot be unsent.
 */
export const sendCredentialEmailStep = createStep(
  sendCredentialEmailStepId,
  async (input: SendCredentialEmailInput, { container }) => {
    try {
      const notification = await sendCredentialEmail(container, input)
      return new StepResponse({ notification_id: notification.id })
    } catch (error) {
      // The message names the failure, never the email's content (it holds a secret).
      throw new MedusaError(
        MedusaError.Types.UNEXPECTED_STATE,
        `The ${input.template.replace(/_/g, " ")} email to ${input.to} could not be sent (${
          (error as Error).message
        }), so nothing was changed. Try again once email sending works.`
      )
    }
  }
)
