import { MedusaError } from "@medusajs/framework/utils"
import { z } from "@medusajs/framework/zod"

/** The claims the provider puts into the identity's `user_metadata`. */
export const MAPPED_CLAIMS = [
  "email",
  "email_verified",
  "name",
  "given_name",
  "family_name",
] as const
export type MappedClaim = (typeof MAPPED_CLAIMS)[number]

/** Authorization parameters a merchant may add to every sign-in. */
const AUTHORIZATION_PARAMS = [
  "prompt",
  "login_hint",
  "acr_values",
  "max_age",
  "ui_locales",
  "display",
] as const

/** Host names an issuer may be reached on over plain HTTP (tests, local IdPs). */
const LOOPBACK_HOSTS = new Set(["127.0.0.1", "[::1]", "localhost"])

export const isLoopbackUrl = (url: URL) => LOOPBACK_HOSTS.has(url.hostname)

const httpsUrl = (what: string) =>
  z.url({ error: `must be the ${what} URL` }).refine(
    (value) => {
      const url = new URL(value)
      return (
        url.protocol === "https:" ||
        (url.protocol === "http:" && isLoopbackUrl(url))
      )
    },
    { message: "must use https (plain http only on 127.0.0.1 or localhost)" }
  )

/** A private key as PEM (PKCS#8) text or as a JWK object with its private part. */
const PrivateKeySchema = z.union(
  [
    z.string().includes("PRIVATE KEY", {
      message: "must be a PEM private key",
    }),
    z.looseObject({ kty: z.string(), d: z.string() }),
  ],
  { error: "must be a PEM private key or a private JWK (with d)" }
)

const OidcOptionsSchema = z
  .object({
    issuer: httpsUrl("issuer's"),
    client_id: z.string().min(1),
    client_secret: z.string().min(1).optional(),
    /** Client authentication with a signed JWT instead of a secret. */
    private_key_jwt: z
      .object({
        key: PrivateKeySchema,
        kid: z.string().min(1).optional(),
        alg: z
          .enum(["RS256", "PS256", "ES256", "ES384", "ES512", "EdDSA"])
          .optional(),
      })
      .strict()
      .optional(),
    token_endpoint_auth_method: z
      .enum(["client_secret_basic", "client_secret_post"])
      .default("client_secret_basic"),
    /** The storefront page the identity provider sends the shopper back to. */
    callback_url: z.url({ error: "must be the storefront's callback URL" }),
    scopes: z
      .array(z.string().regex(/^[\x21\x23-\x5b\x5d-\x7e]+$/))
      .refine((scopes) => scopes.includes("openid"), {
        message: 'must include "openid"',
      })
      .default(["openid", "email", "profile"]),
    display_name: z.string().min(1).max(100).default("Single sign-on"),
    /** Which claim of the ID token holds each field (e.g. email_verified: "xms_edov"). */
    claim_mappings: z
      .partialRecord(z.enum(MAPPED_CLAIMS), z.string().min(1))
      .default({}),
    /** Refuse the callback when the email is not verified by the issuer. */
    require_verified_email: z.boolean().default(true),
    /** Only emails whose domain (after the last "@") is one of these. */
    allowed_email_domains: z
      .array(
        z
          .string()
          .regex(/^[a-z0-9.-]+\.[a-z]{2,}$/i, { message: "must be a domain" })
      )
      .default([]),
    authorization_params: z
      .partialRecord(z.enum(AUTHORIZATION_PARAMS), z.string().min(1))
      .default({}),
    /** Seconds an ID token's exp/iat/nbf may be off from this server's clock. */
    clock_tolerance_seconds: z.number().int().min(0).max(300).default(30),
    /** Seconds a started sign-in may take before its state expires. */
    state_ttl_seconds: z.number().int().min(60).max(3600).default(600),
    /** Where the identity provider sends the browser after logging out. */
    post_logout_redirect_uri: z.url().optional(),
  })
  .strict()
  .refine((options) => !(options.client_secret && options.private_key_jwt), {
    message: "set either client_secret or private_key_jwt, not both",
    path: ["client_secret"],
  })
  .refine((options) => options.client_secret || options.private_key_jwt, {
    message: "is required (or private_key_jwt)",
    path: ["client_secret"],
  })

export type OidcProviderOptions = z.output<typeof OidcOptionsSchema>

/**
 * Checks the provider's options once, at start-up (Medusa calls
 * `validateOptions` while loading the auth module), and fills in defaults.
 * A wrong option stops the server with a message naming it.
 */
export const parseOidcOptions = (raw: unknown): OidcProviderOptions => {
  // Medusa adds keys of its own to a provider's options.
  const { database: _database, ...options } = (raw ?? {}) as Record<
    string,
    unknown
  >
  const parsed = OidcOptionsSchema.safeParse(options)
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map(
        (issue) => `${issue.path.join(".") || "(options)"}: ${issue.message}`
      )
      .join("; ")
    throw new MedusaError(
      MedusaError.Types.INVALID_ARGUMENT,
      `medusa-plugin-customer-credentials OpenID Connect provider: invalid options: ${problems}`
    )
  }
  return parsed.data
}
