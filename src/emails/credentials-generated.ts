import { CredentialEmail, EmailRecipient, greeting } from "./types"

/**
 * The one email that carries a password in clear: the credentials an admin
 * generated. The password works once: the customer must change it at first
 * sign-in.
 */
export const credentialsGeneratedEmail = (
  to: EmailRecipient,
  login: { password: string; customer_number: string | null },
  expiresAt: Date | null
): CredentialEmail => ({
  subject: "Your login details",
  text: [
    greeting(to),
    "",
    "An account login has been created for you. Sign in with:",
    "",
    `  Email: ${to.email}`,
    ...(login.customer_number
      ? [`  Customer number: ${login.customer_number}`]
      : []),
    `  Temporary password: ${login.password}`,
    "",
    "You will be asked to choose your own password when you first sign in.",
    ...(expiresAt
      ? [`The temporary password expires on ${expiresAt.toUTCString()}.`]
      : []),
  ].join("\n"),
  data: {
    email: to.email,
    first_name: to.first_name ?? null,
    customer_number: login.customer_number,
    password: login.password,
    expires_at: expiresAt?.toISOString() ?? null,
  },
})
