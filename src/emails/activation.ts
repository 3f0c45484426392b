import { CredentialEmail, EmailRecipient, greeting } from "./types"

export const activationEmail = (
  to: EmailRecipient,
  activationUrl: string,
  customerNumber: string | null,
  expiresInHours: number
): CredentialEmail => ({
  subject: "Activate your account",
  text: [
    greeting(to),
    "",
    "Your account is ready. Choose your password and confirm your email",
    "address with this link:",
    "",
    activationUrl,
    "",
    ...(customerNumber
      ? [
          `Your customer number is ${customerNumber}: you can sign in with it or with your email.`,
        ]
      : []),
    `The link works once and expires in ${expiresInHours} hours.`,
  ].join("\n"),
  data: {
    email: to.email,
    first_name: to.first_name ?? null,
    customer_number: customerNumber,
    activation_url: activationUrl,
  },
})
