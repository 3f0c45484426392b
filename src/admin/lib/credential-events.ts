import { credentialsLabels } from "../labels/credentials"
import type { CredentialEvent } from "./types"

const labels = credentialsLabels.events
const actionLabels: Record<string, string> = labels.actions

/**
 * An audit trail row's text: the action's label (never the stored code: an
 * action this admin has no label for reads "Other login activity"), the
 * variant for a switch-off that sent a link, the login an admin chose when
 * creating the customer, and "(temporary)" for a temporary password.
 */
export const describeCredentialEvent = (
  event: Pick<CredentialEvent, "action" | "metadata">
): string => {
  const key =
    event.action === "email_unconfirmed" && event.metadata?.link_sent === true
      ? "email_unconfirmed_link_sent"
      : event.action
  const label = Object.prototype.hasOwnProperty.call(actionLabels, key)
    ? actionLabels[key]
    : labels.unknownAction
  const login = event.metadata?.login
  const action =
    event.action === "customer_created" &&
    typeof login === "string" &&
    Object.prototype.hasOwnProperty.call(labels.createdWithLogin, login)
      ? `${label} (${labels.createdWithLogin[login]})`
      : label
  return event.metadata?.temporary === true
    ? `${action} (${labels.temporary})`
    : action
}

/** Who the row is about when it is not the customer: a B2B reference's email. */
export const credentialEventSubject = (
  event: Pick<CredentialEvent, "action" | "metadata">
): string | null =>
  event.action.startsWith("reference_") &&
  typeof event.metadata?.email === "string"
    ? event.metadata.email
    : null
