import type {
  AuthenticationInput,
  AuthenticationResponse,
  AuthIdentityDTO,
  AuthIdentityProviderService,
  Logger,
} from "@medusajs/framework/types"
import {
  AbstractAuthModuleProvider,
  MedusaError,
} from "@medusajs/framework/utils"
import { openidClient, type OpenIdClient } from "./openid-client"
import { isEmailDomainAllowed, mapClaims, emailDomainOf } from "./claims"
import { clientAuthentication } from "./client-auth"
import {
  isLoopbackUrl,
  parseOidcOptions,
  type OidcProviderOptions,
} from "./options"

/** What a started sign-in keeps on the server until its callback (single use). */
type PendingSignIn = {
  code_verifier: string
  nonce: string
  redirect_uri: string
}

/** What the provider keeps about the issuer's session, for RP-initiated logout. */
export type OidcProviderMetadata = {
  issuer: string
  /**
   * The issuer's logout URL: its end_session_endpoint with this client's
   * `client_id` (and `post_logout_redirect_uri`). Never the ID token as
   * `id_token_hint`: provider metadata is stored, and no token of the
   * sign-in is kept at rest.
   */
  end_session_url: string | null
}

const failure = (error: string): AuthenticationResponse => ({
  success: false,
  error,
})

const SIGN_IN_EXPIRED =
  "This sign-in has expired or was already used: start signing in again."

/** The library's reason, for the log: its message and the claim at fault (never a claim's value). */
const reasonOf = (error: unknown): string => {
  const { message, code, cause } = error as {
    message?: string
    code?: string
    cause?: { claim?: unknown }
  }
  const claim = typeof cause?.claim === "string" ? `, claim ${cause.claim}` : ""
  return `${message}${code ? ` (${code}${claim})` : ""}`
}

/** A sentence for the shopper. */
const describeFailure = (oidc: typeof OpenIdClient, error: unknown): string => {
  if (error instanceof oidc.AuthorizationResponseError) {
    return `The identity provider refused the sign-in (${error.error}).`
  }
  if (error instanceof oidc.ResponseBodyError) {
    return `The identity provider refused the sign-in (${error.error}).`
  }
  return "The identity provider's answer could not be verified: start signing in again."
}

/**
 * Customers' single sign-on with any OpenID Connect issuer, on the
 * certified relying-party library `openid-client`: the authorization code
 * flow with PKCE (S256), `state` and `nonce`; the issuer's configuration by
 * discovery; the ID token's signature checked against the issuer's JWKS
 * (the library refetches it when a key it does not know appears), its
 * issuer, audience, nonce and times checked with a bounded clock
 * tolerance. The identity is keyed by the `sub` claim; the mapped claims go
 * into its `user_metadata`, where the plugin's account linking reads them.
 *
 * The state is kept in the auth module's cache (single use, short-lived);
 * the plugin's gate binds it to the browser that started the sign-in
 * (`src/api/gates/sso-browser-binding.ts`).
 */
export class CustomerOidcAuthService extends AbstractAuthModuleProvider {
  static identifier = "customer-credentials-oidc"
  static DISPLAY_NAME = "OpenID Connect"

  protected readonly options_: OidcProviderOptions
  protected readonly logger_: Logger
  private configuration_?: Promise<OpenIdClient.Configuration>

  static validateOptions(options: Record<string, unknown>) {
    parseOidcOptions(options)
  }

  constructor(
    { logger }: { logger: Logger },
    options: Record<string, unknown>
  ) {
    super()
    this.options_ = parseOidcOptions(options)
    this.logger_ = logger
  }

  /** The label the store shows on the sign-in button. */
  get displayName(): string {
    return this.options_.display_name
  }

  /**
   * The issuer's configuration, discovered once (again after a failure).
   * Plain HTTP is allowed only for an issuer on a loopback address.
   */
  protected configuration(): Promise<OpenIdClient.Configuration> {
    this.configuration_ ??= (async () => {
      const oidc = await openidClient()
      const issuer = new URL(this.options_.issuer)
      return oidc.discovery(
        issuer,
        this.options_.client_id,
        { [oidc.clockTolerance]: this.options_.clock_tolerance_seconds },
        await clientAuthentication(this.options_),
        {
          execute: [
            oidc.enableNonRepudiationChecks,
            ...(isLoopbackUrl(issuer) ? [oidc.allowInsecureRequests] : []),
          ],
          timeout: 10,
        }
      )
    })().catch((error) => {
      this.configuration_ = undefined
      throw error
    })
    return this.configuration_
  }

  async register(): Promise<AuthenticationResponse> {
    throw new MedusaError(
      MedusaError.Types.NOT_ALLOWED,
      "Single sign-on has no registration: start signing in instead."
    )
  }

  /** Starts a sign-in: `{ location }` of the issuer's authorization page. */
  async authenticate(
    _data: AuthenticationInput,
    authIdentityService: AuthIdentityProviderService
  ): Promise<AuthenticationResponse> {
    let configuration: OpenIdClient.Configuration
    try {
      configuration = await this.configuration()
    } catch (error) {
      this.logger_.error(
        `OpenID Connect discovery at ${this.options_.issuer} failed: ${(error as Error).message}`
      )
      return failure(
        "The identity provider cannot be reached right now. Try again in a few minutes."
      )
    }
    const oidc = await openidClient()
    const state = oidc.randomState()
    const pending: PendingSignIn = {
      code_verifier: oidc.randomPKCECodeVerifier(),
      nonce: oidc.randomNonce(),
      redirect_uri: this.options_.callback_url,
    }
    await authIdentityService.setState(
      this.stateKey(state),
      pending,
      this.options_.state_ttl_seconds
    )
    const location = oidc.buildAuthorizationUrl(configuration, {
      ...this.options_.authorization_params,
      redirect_uri: pending.redirect_uri,
      scope: this.options_.scopes.join(" "),
      state,
      nonce: pending.nonce,
      code_challenge: await oidc.calculatePKCECodeChallenge(
        pending.code_verifier
      ),
      code_challenge_method: "S256",
    })
    return { success: true, location: location.href }
  }

  /**
   * The issuer sent the shopper back: the state must be one this server
   * started and has not used, the code is exchanged with its PKCE verifier,
   * and the ID token must be valid for this client and this sign-in.
   */
  async validateCallback(
    data: AuthenticationInput,
    authIdentityService: AuthIdentityProviderService
  ): Promise<AuthenticationResponse> {
    const query = (data.query ?? {}) as Record<string, unknown>
    const state = typeof query.state === "string" ? query.state : ""
    const pending = state
      ? ((await authIdentityService.getState(
          this.stateKey(state)
        )) as PendingSignIn | null)
      : null
    if (!pending) {
      return failure(SIGN_IN_EXPIRED)
    }

    const oidc = await openidClient()
    let tokens: Awaited<ReturnType<typeof OpenIdClient.authorizationCodeGrant>>
    try {
      const configuration = await this.configuration()
      const callbackUrl = new URL(pending.redirect_uri)
      for (const [name, value] of Object.entries(query)) {
        if (typeof value === "string") {
          callbackUrl.searchParams.set(name, value)
        }
      }
      tokens = await oidc.authorizationCodeGrant(configuration, callbackUrl, {
        pkceCodeVerifier: pending.code_verifier,
        expectedState: state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      })
    } catch (error) {
      this.logger_.warn(
        `OpenID Connect callback from ${this.options_.issuer} refused: ${reasonOf(error)}`
      )
      return failure(describeFailure(oidc, error))
    }

    const claims = tokens.claims()!
    const user = mapClaims(claims, this.options_.claim_mappings)
    if (this.options_.require_verified_email && !user.email_verified) {
      return failure(
        "Your identity provider has not verified your email address: verify it there, then sign in again."
      )
    }
    if (
      !isEmailDomainAllowed(user.email, this.options_.allowed_email_domains)
    ) {
      return failure(
        user.email
          ? `Accounts with ${emailDomainOf(user.email)} addresses cannot sign in to this store.`
          : "Your identity provider did not share your email address, which this store needs."
      )
    }

    const metadata: OidcProviderMetadata = {
      issuer: claims.iss,
      end_session_url: await this.endSessionUrl(),
    }
    return {
      success: true,
      authIdentity: await this.upsertIdentity(
        authIdentityService,
        claims.sub,
        user,
        metadata
      ),
    }
  }

  /** The identity of `sub`, its claims refreshed; created on a first sign-in. */
  protected async upsertIdentity(
    authIdentityService: AuthIdentityProviderService,
    sub: string,
    user: Record<string, unknown>,
    metadata: OidcProviderMetadata
  ): Promise<AuthIdentityDTO> {
    try {
      return await authIdentityService.update(sub, {
        user_metadata: user,
        provider_metadata: metadata,
      })
    } catch (error) {
      if ((error as MedusaError).type !== MedusaError.Types.NOT_FOUND) {
        throw error
      }
      return authIdentityService.create({
        entity_id: sub,
        user_metadata: user,
        provider_metadata: metadata,
      })
    }
  }

  /**
   * RP-initiated logout, when the issuer offers it. OpenID Connect
   * RP-Initiated Logout 1.0 takes `client_id` in place of `id_token_hint`
   * (with a `post_logout_redirect_uri` registered for that client); some
   * issuers then ask the person to confirm the logout.
   */
  protected async endSessionUrl(): Promise<string | null> {
    const oidc = await openidClient()
    const configuration = await this.configuration()
    if (!configuration.serverMetadata().end_session_endpoint) {
      return null
    }
    return oidc.buildEndSessionUrl(configuration, {
      client_id: this.options_.client_id,
      ...(this.options_.post_logout_redirect_uri
        ? { post_logout_redirect_uri: this.options_.post_logout_redirect_uri }
        : {}),
    }).href
  }

  /** The cache key of a started sign-in (the auth module's cache is shared). */
  private stateKey(state: string) {
    return `customer-credentials:oidc:${this.options_.issuer}:${state}`
  }
}
