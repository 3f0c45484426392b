import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { isAuthProviderAllowedForActor } from "@medusajs/medusa/api/auth/utils/auth-methods-per-actor"
import { CREDENTIALS_MODULE } from "../../modules/credentials"
import type CredentialsModuleService from "../../modules/credentials/service"
import type { CredentialSettingsValues } from "../../modules/credentials/types"

/** The id of the auth provider customers sign in with (plugin option `sso_provider`). */
export const ssoProviderId = async (
  container: MedusaContainer
): Promise<string> =>
  (
    await container
      .resolve<CredentialsModuleService>(CREDENTIALS_MODULE)
      .getOptions()
  ).sso_provider

/**
 * Whether the store's auth module has the OpenID Connect provider registered
 * and open to customers (`projectConfig.http.authMethodsPerActor`).
 */
export const isSsoProviderConfigured = async (
  container: MedusaContainer,
  providerId: string
): Promise<boolean> => {
  const config = container.resolve(ContainerRegistrationKeys.CONFIG_MODULE)
  if (!isAuthProviderAllowedForActor(config, "customer", providerId)) {
    return false
  }
  const providers = await container
    .resolve(Modules.AUTH)
    .listAuthProviders({ id: [providerId] })
  return providers.some((provider) => provider.flow === "redirect")
}

/** Core's route that starts the sign-in: answers `{ location }` to redirect to. */
export const ssoStartUrl = (providerId: string) =>
  `/auth/customer/${providerId}`

export type SsoState = {
  provider: string
  /** The admin turned SSO on and the store has the provider. */
  enabled: boolean
  /** ...and password sign-in is closed. */
  only: boolean
}

/**
 * Single sign-on as the store runs it. SSO only never closes password
 * sign-in on a store without the provider: nobody could sign in at all.
 */
export const resolveSsoState = async (
  container: MedusaContainer,
  settings: Pick<CredentialSettingsValues, "sso_enabled" | "sso_only">
): Promise<SsoState> => {
  const provider = await ssoProviderId(container)
  const enabled =
    settings.sso_enabled && (await isSsoProviderConfigured(container, provider))
  return { provider, enabled, only: enabled && settings.sso_only }
}
