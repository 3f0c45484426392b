import type { ExecArgs } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { CREDENTIALS_MODULE } from "../modules/credentials"
import type CredentialsModuleService from "../modules/credentials/service"
import { EMAIL_ENTITY_TYPE } from "../workflows/shared/utils/email-verification"

/**
 * Upgrade to "Email confirmed closes sign-in" (issue 14 #2), run once by
 * `medusa db:migrate`: before it, a row saved with "Email confirmed" off
 * still signed in unless core's verification record of the login waited for
 * its link. Such rows are marked confirmed, so no customer who signed in
 * before is locked out; a row whose login waits for a confirmation link
 * stays off (it was refused before too). Rows the plugin makes later for a
 * login older than the plugin start on (the column's default).
 */
export default async function confirmExistingLogins({ container }: ExecArgs) {
  const auth = container.resolve(Modules.AUTH)
  const credentials =
    container.resolve<CredentialsModuleService>(CREDENTIALS_MODULE)

  const pending = await auth.listAuthVerifications(
    // verified_at is a column the generated list filters on, though the
    // interface's filter type does not name it.
    { entity_type: EMAIL_ENTITY_TYPE, verified_at: null } as {
      entity_type: string
    },
    {
      select: ["id", "auth_identity.id", "auth_identity.app_metadata"],
      relations: ["auth_identity"],
    }
  )
  const waiting = [
    ...new Set(
      pending
        .map(
          (verification) =>
            (
              verification as unknown as {
                auth_identity?: { app_metadata?: Record<string, unknown> }
              }
            ).auth_identity?.app_metadata?.customer_id
        )
        .filter((id): id is string => typeof id === "string")
    ),
  ]

  const unconfirmed = await credentials.listCustomerCredentials(
    { email_confirmed: false },
    { select: ["id", "customer_id"] }
  )
  const waitingSet = new Set(waiting)
  const ids = unconfirmed
    .filter((row) => !waitingSet.has(row.customer_id))
    .map((row) => row.id)
  if (ids.length) {
    await credentials.updateCustomerCredentials({
      selector: { id: ids },
      data: { email_confirmed: true },
    })
  }
  container
    .resolve(ContainerRegistrationKeys.LOGGER)
    .info(
      `customer-credentials: ${ids.length} saved login(s) marked email-confirmed (they signed in before); ${unconfirmed.length - ids.length} still wait for a confirmation link.`
    )
}
