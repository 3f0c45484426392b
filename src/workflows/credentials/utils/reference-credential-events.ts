import type { CredentialEventAction } from "../../../modules/credentials/types"
import type { CredentialActor } from "../../shared/steps/record-credential-event"
import type { ReferenceLoginSubject } from "../steps/resolve-reference-login"

/** The customer page's credential actions, and their names for a reference's login. */
const REFERENCE_ACTIONS = {
  password_set: "reference_password_set",
  credentials_generated: "reference_credentials_generated",
  password_reset_requested: "reference_password_reset_requested",
  activation_sent: "reference_activation_sent",
} as const satisfies Partial<
  Record<CredentialEventAction, CredentialEventAction>
>

/**
 * The audit rows of an admin's credential action. On a customer: one row
 * on the customer. On a B2B reference's login: a `reference_*` row on the
 * account where the admin acted, naming the person's email, and the plain
 * row on the login's own customer when that is another one (its trail
 * holds the login's sign-ins). Facts only, never a password or a link.
 */
export const credentialActionEvents = ({
  customer_id,
  action,
  actor,
  metadata,
  reference,
}: {
  customer_id: string
  action: keyof typeof REFERENCE_ACTIONS
  actor: CredentialActor
  metadata?: Record<string, unknown>
  reference: ReferenceLoginSubject | null
}) => {
  if (!reference) {
    return [{ customer_id, action, actor, metadata }]
  }
  const about = {
    reference_id: reference.reference_id,
    email: reference.customer.email,
  }
  return [
    {
      customer_id: reference.account_id,
      action: REFERENCE_ACTIONS[action],
      actor,
      metadata: { ...metadata, ...about },
    },
    ...(reference.customer.id !== reference.account_id
      ? [
          {
            customer_id: reference.customer.id,
            action,
            actor,
            metadata: {
              ...metadata,
              ...about,
              account_id: reference.account_id,
            },
          },
        ]
      : []),
  ]
}
