import { CredentialEmail, EmailRecipient, greeting } from "./types"

export const passwordChangedEmail = (
  to: EmailRecipient,
  changedBy: "customer" | "store"
): CredentialEmail => ({
  subject: "Your password was changed",
  text: [
    greeting(to),
    "",
    changedBy === "store"
      ? "Our customer service has set a new password for your account."
      : "The password of your account was just changed.",
    "If this was not you or you did not expect it, reset your password now",
    "with the 'Forgot password' link on the sign-in page, and contact us.",
  ].join("\n"),
  data: {
    email: to.email,
    first_name: to.first_name ?? null,
    changed_by: changedBy,
  },
})
