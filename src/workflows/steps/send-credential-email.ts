import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import {
  sendCredentialEmail,
  SendCredentialEmailInput,
} from "../../emails/send-credential-email"

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
    const notification = await sendCredentialEmail(container, input)
    return new StepResponse({ notification_id: notification.id })
  }
)
