import { CredentialEmail, EmailRecipient, greeting } from "./types"

export const passwordResetEmail = (
  to: EmailRecipient,
  resetUrl: string,
  expiresInMinutes: number
): CredentialEmail => ({
  subject: "Reset your password",
  text: [
    greeting(to),
    "",
    "We received a request to reset the password of your account.",
    "Choose a new password with this link:",
    "",
    resetUrl,
    "",
    `The link works once and expires in ${expiresInMinutes} minutes.`,
    "If you did not ask for this, ignore this email: your password stays as it is.",
  ].join("\n"),
  data: {
    email: to.email,
    first_name: to.first_name ?? null,
    reset_url: resetUrl,
  },
})
