import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { removeSentSecrets } from "../emails/remove-sent-secrets"
import { CREDENTIALS_MODULE } from "../modules/credentials"
import type CredentialsModuleService from "../modules/credentials/service"

/** A send takes seconds; a row still holding its secret after this lost its server. */
export const SENT_EMAIL_SECRET_MINUTES = 10

/** How far back a run looks: every run the last hours, a server's first run 30 days. */
const LOOK_BACK_HOURS = 2
const FIRST_LOOK_BACK_DAYS = 30
const PAGE = 500

let firstRun = true

/**
 * The plugin's emails lose their password or link in the stored notification
 * right after sending (`sendCredentialEmails`). A server that stopped between
 * the send and that rewrite left the secret in the row: every 15 minutes,
 * the plugin's emails older than ten minutes that still hold one are
 * rewritten the same way.
 */
export default async function removeSentEmailSecrets(
  container: MedusaContainer
) {
  const options = await container
    .resolve<CredentialsModuleService>(CREDENTIALS_MODULE)
    .getOptions()
  const notifications = container.resolve(Modules.NOTIFICATION)
  const now = Date.now()
  const since = firstRun
    ? now - FIRST_LOOK_BACK_DAYS * 24 * 3600_000
    : now - LOOK_BACK_HOURS * 3600_000
  const filters = {
    channel: "email",
    template: [...new Set(Object.values(options.templates))],
    created_at: {
      $gte: new Date(since).toISOString(),
      $lt: new Date(now - SENT_EMAIL_SECRET_MINUTES * 60_000).toISOString(),
    },
  }
  let rewritten = 0
  for (let skip = 0; ; skip += PAGE) {
    const page = await removeSentSecrets(notifications, filters, {
      skip,
      take: PAGE,
    })
    rewritten += page.rewritten
    if (page.read < PAGE) {
      break
    }
  }
  firstRun = false
  if (rewritten) {
    container
      .resolve(ContainerRegistrationKeys.LOGGER)
      .warn(
        `remove-sent-email-secrets: ${rewritten} sent email(s) still held a password or link in the notification table; removed`
      )
  }
  return { rewritten }
}

export const config = {
  name: "remove-sent-email-secrets",
  schedule: "*/15 * * * *",
}
