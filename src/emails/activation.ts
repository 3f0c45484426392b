import type { SignInWith } from "../modules/credentials/sign-in-identifiers"
import { CredentialEmail, EmailRecipient, greeting } from "./types"

/** How the login signs in once activated, in the email's words. */
const signInLine = (
  customerNumber: string | null,
  signInWith: SignInWith
): string[] => {
  if (!customerNumber) {
    return []
  }
  switch (signInWith) {
    case "customer_number":
      return [
        `Sign in with your customer number ${customerNumber} (not your email address) and the password you choose.`,
      ]
    case "email":
      return [
        `Sign in with your email address and the password you choose. Your customer number is ${customerNumber}.`,
      ]
    default:
      return [
        `Your customer number is ${customerNumber}: you can sign in with it or with your email.`,
      ]
  }
}

export const activationEmail = (
  to: EmailRecipient,
  activationUrl: string,
  customerNumber: string | null,
  expiresInHours: number,
  signInWith: SignInWith = "both"
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
    ...signInLine(customerNumber, signInWith),
    `The link works once and expires in ${expiresInHours} hours.`,
  ].join("\n"),
  data: {
    email: to.email,
    first_name: to.first_name ?? null,
    customer_number: customerNumber,
    sign_in_with: customerNumber ? signInWith : "email",
    activation_url: activationUrl,
  },
})
