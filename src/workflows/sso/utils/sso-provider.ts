import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { isAuthProviderAllowedForActor } from "@medusajs/medusa/api/auth/utils/auth-methods-per-actor"
import { CREDENTIALS_MODULE } from "../../../modules/credentials"
import type CredentialsModuleService from "../../../modules/credentials/service"
import type { CredentialSettingsValues } from "../../../modules/credentials/types"

/** The id of the auth provider customers sign in with (plugin option `sso_provider`). */
export const ssoProviderId = async (
  container: MedusaContainer
): Promise<string> =>
  (
    await container
      .resolve<CredentialsModuleService>(CREDENTIALS_MODULE)
      .getOptions()
  ).sso_provider

/** A customer sign-in provider with a redirect flow (OpenID Connect, Google, GitHub). */
export type SsoProvider = {
  id: string
  /** The provider's kind (`identifier`): "google", "github", or the plugin's OIDC. */
  identifier: string
  display_name: string
}

/**
 * The auth module's providers customers may sign in with by redirect
 * (`projectConfig.http.authMethodsPerActor` allowing), emailpass excluded.
 */
export const listSsoProviders = async (
  container: MedusaContainer
): Promise<SsoProvider[]> => {
  const config = container.resolve(ContainerRegistrationKeys.CONFIG_MODULE)
  const providers = await container.resolve(Modules.AUTH).listAuthProviders()
  return providers
    .filter(
      (provider) =>
        provider.flow === "redirect" &&
        isAuthProviderAllowedForActor(config, "customer", provider.id)
    )
    .map(({ id, identifier, display_name }) => ({
      id,
      identifier,
      display_name,
    }))
}

/**
 * Providers that sign nobody in whose email is unverified: core's Google
 * provider refuses an ID token without `email_verified` (and stores no such
 * claim). Every other provider's email counts as verified only with an
 * explicit `email_verified: true` in the identity's claims (the plugin's
 * OpenID Connect provider maps it; core's GitHub provider has none, so a
 * GitHub email never links to an existing customer).
 */
const VERIFYING_PROVIDERS = new Set(["google"])

export const providerVerifiesEmail = (provider: SsoProvider): boolean =>
  VERIFYING_PROVIDERS.has(provider.identifier)

/** Core's route that starts the sign-in: answers `{ location }` to redirect to. */
export const ssoStartUrl = (providerId: string) =>
  `/auth/customer/${providerId}`

export type SsoState = {
  /** The main provider: the plugin option `sso_provider` (else the first one). */
  provider: string
  /** Every provider customers may sign in with, the main one first. */
  providers: SsoProvider[]
  /** The admin turned SSO on and the store has a provider. */
  enabled: boolean
  /** ...and password sign-in is closed. */
  only: boolean
}

/**
 * Single sign-on as the store runs it. SSO only never closes password
 * sign-in on a store without a provider: nobody could sign in at all.
 */
export const resolveSsoState = async (
  container: MedusaContainer,
  settings: Pick<CredentialSettingsValues, "sso_enabled" | "sso_only">
): Promise<SsoState> => {
  const main = await ssoProviderId(container)
  const listed = settings.sso_enabled ? await listSsoProviders(container) : []
  const providers = [
    ...listed.filter((provider) => provider.id === main),
    ...listed.filter((provider) => provider.id !== main),
  ]
  const enabled = providers.length > 0
  return {
    provider: providers[0]?.id ?? main,
    providers,
    enabled,
    only: enabled && settings.sso_only,
  }
}
