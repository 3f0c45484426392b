import { CredentialEmail, EmailRecipient, greeting } from "./types"

/** After self-registration: confirm the email address to activate the account. */
export const accountConfirmationEmail = (
  to: EmailRecipient,
  confirmationUrl: string,
  expiresAt: Date
): CredentialEmail => ({
  subject: "Confirm your email address",
  text: [
    greeting(to),
    "",
    "Thank you for creating an account. Confirm your email address to",
    "activate it:",
    "",
    confirmationUrl,
    "",
    `The link works once and expires on ${expiresAt.toUTCString()}.`,
    "If you did not create an account, ignore this email.",
  ].join("\n"),
  data: {
    email: to.email,
    first_name: to.first_name ?? null,
    activation_url: confirmationUrl,
  },
})
