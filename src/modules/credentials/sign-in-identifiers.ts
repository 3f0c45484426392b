/**
 * What a login signs in with, from its credential row's `sign_in_with`
 * (`models/customer-credential.ts`). One rule for every route that takes an
 * identifier (the plugin's sign-in and core's `/auth/customer/emailpass`
 * both pass `src/workflows/sign-in/`), the store's `GET /store/credentials/me`
 * and the admin's customer page. No imports: the admin bundle reads it too.
 */
export type SignInWith = "customer_number" | "email" | "both"

export type SignInIdentifier = "email" | "customer_number"

/** Does the login take this kind of identifier? */
export const acceptsIdentifier = (
  signInWith: SignInWith | null | undefined,
  kind: SignInIdentifier
): boolean =>
  kind === "email" ? signInWith !== "customer_number" : signInWith !== "email"

/** The identifiers a login signs in with now (a number only once it has one). */
export const signInIdentifiers = (
  signInWith: SignInWith | null | undefined,
  customerNumber: string | null | undefined
): SignInIdentifier[] => [
  ...(acceptsIdentifier(signInWith, "email") ? ["email" as const] : []),
  ...(customerNumber && acceptsIdentifier(signInWith, "customer_number")
    ? ["customer_number" as const]
    : []),
]
