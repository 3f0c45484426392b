import { MedusaError, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"

export type ResolveSsoIdentityStepInput = {
  auth_identity_id: string
  provider: string
  /** The provider signs nobody in with an unverified email (core's Google). */
  provider_verifies_email?: boolean
}

/** What the identity provider said about the person, as core stored it. */
export type SsoIdentity = {
  auth_identity_id: string
  /** The customer the identity already signs in as, if it was linked before. */
  customer_id: string | null
  email: string | null
  /** Only an explicit `email_verified: true` claim counts (or a provider that verifies every email). */
  email_verified: boolean
  first_name: string | null
  last_name: string | null
}

export const SSO_NOT_FINISHED =
  "Finish signing in with your identity provider first, then try again."

const text = (value: unknown): string | null =>
  typeof value === "string" && value.trim() ? value.trim() : null

export const resolveSsoIdentityStepId = "resolve-sso-identity"

/**
 * Reads the auth identity the provider created or refreshed on its
 * callback: its link to a customer (`app_metadata.customer_id`) and the
 * claims core's provider mapped into the provider identity's
 * `user_metadata` (from the ID token it verified). The identity is keyed by
 * the `sub` claim; the email is only a claim about the person.
 */
export const resolveSsoIdentityStep = createStep(
  resolveSsoIdentityStepId,
  async (input: ResolveSsoIdentityStepInput, { container }) => {
    const auth = container.resolve(Modules.AUTH)
    const [providerIdentity] = await auth.listProviderIdentities(
      { auth_identity_id: input.auth_identity_id, provider: input.provider },
      { select: ["id", "user_metadata"], take: 1 }
    )
    if (!providerIdentity) {
      throw new MedusaError(MedusaError.Types.UNAUTHORIZED, SSO_NOT_FINISHED)
    }
    const identity = await auth.retrieveAuthIdentity(input.auth_identity_id, {
      select: ["id", "app_metadata"],
    })
    const claims = (providerIdentity.user_metadata ?? {}) as Record<
      string,
      unknown
    >
    const given = text(claims.given_name)
    const family = text(claims.family_name)
    return new StepResponse<SsoIdentity>({
      auth_identity_id: identity.id,
      customer_id: text(identity.app_metadata?.customer_id),
      email: text(claims.email)?.toLowerCase() ?? null,
      email_verified:
        !!input.provider_verifies_email ||
        claims.email_verified === true ||
        claims.email_verified === "true",
      first_name: given ?? (family ? null : text(claims.name)),
      last_name: family,
    })
  }
)
