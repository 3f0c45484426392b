import type { MedusaContainer } from "@medusajs/framework/types"
import { CREDENTIALS_MODULE } from "../../modules/credentials"
import {
  rateLimitStore,
  type RateLimitStore,
} from "../../modules/credentials/rate-limit-store"
import type CredentialsModuleService from "../../modules/credentials/service"
import type { CredentialSettingsValues } from "../../modules/credentials/types"
import { loadCredentialSettings } from "../shared/steps/load-credential-settings"
import type { SignInInput } from "./types"
import {
  identifierClientKey,
  signInLimiters,
  type SignInLimiters,
} from "./utils/sign-in-limiters"

/** What every phase of one sign-in reads. */
export type SignInContext = {
  container: MedusaContainer
  credentials: CredentialsModuleService
  settings: CredentialSettingsValues
  store: RateLimitStore
  limiters: SignInLimiters
  client: SignInInput["client"]
  /** The identifier as the limiters count it (trimmed, lower case). */
  identifier_key: string
  /** The identifier from this client, as its limiter counts it. */
  identifier_client_key: string
  now: Date
}

export const prepareSignIn = async (
  container: MedusaContainer,
  input: SignInInput
): Promise<SignInContext> => {
  const credentials =
    container.resolve<CredentialsModuleService>(CREDENTIALS_MODULE)
  const settings = input.settings ?? (await loadCredentialSettings(container))
  const options = await credentials.getOptions()
  const store = await rateLimitStore(container)
  const identifierKey = input.identifier.trim().toLowerCase()
  return {
    container,
    credentials,
    settings,
    store,
    limiters: signInLimiters(
      store,
      settings,
      options.rate_limits.sign_in_failures_per_ip
    ),
    client: input.client,
    identifier_key: identifierKey,
    identifier_client_key: identifierClientKey(identifierKey, input.client.key),
    now: input.now ?? new Date(),
  }
}
