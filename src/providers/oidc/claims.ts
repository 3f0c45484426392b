import type { MappedClaim } from "./options"

/** What the provider keeps of the ID token, in the identity's `user_metadata`. */
export type OidcUserMetadata = {
  email: string | null
  /** Only an explicit true (or "true") from the issuer counts. */
  email_verified: boolean
  name: string | null
  given_name: string | null
  family_name: string | null
}

const text = (value: unknown): string | null =>
  typeof value === "string" && value.trim() ? value.trim() : null

/**
 * The verified ID token's claims, read through the merchant's claim
 * mappings (a field without a mapping reads the standard claim of its name).
 */
export const mapClaims = (
  claims: Record<string, unknown>,
  mappings: Partial<Record<MappedClaim, string>>
): OidcUserMetadata => {
  const claim = (field: MappedClaim) => claims[mappings[field] ?? field]
  const verified = claim("email_verified")
  return {
    email: text(claim("email"))?.toLowerCase() ?? null,
    email_verified: verified === true || verified === "true",
    name: text(claim("name")),
    given_name: text(claim("given_name")),
    family_name: text(claim("family_name")),
  }
}

/** The domain of an email: what follows its last "@", lower-case. */
export const emailDomainOf = (email: string): string =>
  email.slice(email.lastIndexOf("@") + 1).toLowerCase()

/** No allowed domains: any email; otherwise its domain is one of them. */
export const isEmailDomainAllowed = (
  email: string | null,
  allowed: string[]
): boolean =>
  !allowed.length ||
  (!!email &&
    email.includes("@") &&
    allowed.some((domain) => domain.toLowerCase() === emailDomainOf(email)))
