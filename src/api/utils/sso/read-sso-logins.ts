import type { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { EMAILPASS_PROVIDER } from "../../../workflows/shared/utils/customer-login"
import { listSsoProviders } from "../../../workflows/sso/utils/sso-provider"

export type SsoLogin = {
  auth_identity_id: string
  /** The auth provider's id ("oidc", "google", …). */
  provider: string
  /** Its display name, or the id when the store no longer has it. */
  label: string
  /** The email the provider last reported, if any. */
  email: string | null
}

/** The single sign-on identities linked to a customer (`app_metadata.customer_id`). */
export const readSsoLogins = async (
  container: MedusaContainer,
  customerId: string
): Promise<SsoLogin[]> => {
  const [identities, providers] = await Promise.all([
    container
      .resolve(Modules.AUTH)
      .listAuthIdentities(
        { app_metadata: { customer_id: customerId } } as never,
        { relations: ["provider_identities"] }
      ),
    listSsoProviders(container),
  ])
  return identities.flatMap((identity) =>
    (identity.provider_identities ?? [])
      .filter((login) => login.provider !== EMAILPASS_PROVIDER)
      .map((login) => {
        const email = login.user_metadata?.email
        return {
          auth_identity_id: identity.id,
          provider: login.provider,
          label:
            providers.find((provider) => provider.id === login.provider)
              ?.display_name ?? login.provider,
          email: typeof email === "string" ? email : null,
        }
      })
  )
}
