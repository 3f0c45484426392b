import type { MedusaContainer } from "@medusajs/framework/types"
import {
  ContainerRegistrationKeys,
  MedusaError,
  Modules,
} from "@medusajs/framework/utils"
import { CREDENTIALS_MODULE } from "../../modules/credentials"
import type CredentialsModuleService from "../../modules/credentials/service"
import { EMAILPASS_PROVIDER } from "../../workflows/shared/utils/customer-login"
import { findEmailVerification } from "../../workflows/shared/utils/email-verification"
import { knowsPassword } from "../../workflows/shared/utils/unknown-passwords"
import { formatCustomerReference } from "./format-customer-reference"
import { NO_CREDENTIAL_ROW } from "./format-customer-credentials"

type ReferenceRow = Parameters<typeof formatCustomerReference>[0] & {
  auth_identity_id: string
}

/** What the admin sees of a reference's login (one login, every account). */
export type ReferenceLoginState = {
  /** The person has a password they know (not the random one a new login gets). */
  has_password: boolean
  /** As the sign-in gate reads it for this login. */
  email_confirmed: boolean
  locked: boolean
  locked_until: Date | string | null
  last_signed_in_at: Date | string | null
}

const later = (a: Date | string | null, b: Date | string | null) =>
  !a ? b : !b ? a : new Date(a) >= new Date(b) ? a : b

/**
 * The login state of references, read in a few queries for a whole list:
 * the password from core's emailpass identity, the sign-in state from the
 * credential row of the login's own customer (core's
 * `app_metadata.customer_id`: docs/b2b.md's known limit), "Email confirmed"
 * as the gate reads it. Writes nothing.
 */
export const readReferenceLogins = async (
  scope: MedusaContainer,
  references: ReferenceRow[]
): Promise<Map<string, ReferenceLoginState>> => {
  const states = new Map<string, ReferenceLoginState>()
  if (!references.length) {
    return states
  }
  const auth = scope.resolve(Modules.AUTH)
  const loginIds = [...new Set(references.map((r) => r.auth_identity_id))]
  const [providerIdentities, identities] = await Promise.all([
    auth.listProviderIdentities(
      { provider: EMAILPASS_PROVIDER, auth_identity_id: loginIds as never },
      { select: ["id", "auth_identity_id", "entity_id", "provider_metadata"] }
    ),
    auth.listAuthIdentities(
      { id: loginIds },
      { select: ["id", "app_metadata"] }
    ),
  ])
  const ownCustomerOf = new Map(
    identities.map((identity) => [
      identity.id,
      (identity.app_metadata?.customer_id as string | undefined) ?? null,
    ])
  )
  const ownIds = [
    ...new Set([...ownCustomerOf.values()].filter((id): id is string => !!id)),
  ]
  const [rows, { data: owners }] = ownIds.length
    ? await Promise.all([
        scope
          .resolve<CredentialsModuleService>(CREDENTIALS_MODULE)
          .listCustomerCredentials({ customer_id: ownIds }),
        scope.resolve(ContainerRegistrationKeys.QUERY).graph({
          entity: "customer",
          fields: ["id", "email"],
          filters: { id: ownIds },
        }),
      ])
    : [[], { data: [] }]
  const rowOf = new Map(rows.map((row) => [row.customer_id, row]))
  const ownerEmail = new Map(
    owners.map((owner: { id: string; email?: string | null }) => [
      owner.id,
      owner.email ?? null,
    ])
  )
  const now = new Date()

  for (const reference of references) {
    const password = providerIdentities.find(
      (pi) => pi.auth_identity_id === reference.auth_identity_id
    )
    const ownId = ownCustomerOf.get(reference.auth_identity_id) ?? null
    const row = (ownId && rowOf.get(ownId)) || NO_CREDENTIAL_ROW
    const email = password?.entity_id ?? reference.email
    const verification = password
      ? await findEmailVerification(scope, reference.auth_identity_id, email)
      : null
    const lockedUntil = later(
      row.locked_until as Date | string | null,
      ("unknown_devices_locked_until" in row
        ? row.unknown_devices_locked_until
        : null) as Date | string | null
    )
    states.set(reference.id, {
      has_password: knowsPassword(password?.provider_metadata),
      // The row's switch speaks for the login whose email it was made for;
      // core's verification record for any login.
      email_confirmed:
        Boolean(verification?.verified_at) ||
        (row.email_confirmed && !!ownId && ownerEmail.get(ownId) === email),
      locked: !!lockedUntil && new Date(lockedUntil) > now,
      locked_until:
        lockedUntil && new Date(lockedUntil) > now ? lockedUntil : null,
      last_signed_in_at: row.last_login_at,
    })
  }
  return states
}

/** The customer's references, each with its login's state, oldest first. */
export const listReferencesWithLogins = async (
  scope: MedusaContainer,
  customerId: string,
  filters: { id?: string } = {}
) => {
  const references = await scope
    .resolve<CredentialsModuleService>(CREDENTIALS_MODULE)
    .listCustomerReferences(
      { customer_id: customerId, ...filters },
      { order: { created_at: "ASC" } }
    )
  const logins = await readReferenceLogins(scope, references)
  return references.map((reference) => ({
    ...formatCustomerReference(reference),
    ...logins.get(reference.id)!,
  }))
}

/** One reference of the customer with its login's state, or 404. */
export const readReferenceWithLogin = async (
  scope: MedusaContainer,
  customerId: string,
  referenceId: string
) => {
  const [reference] = await listReferencesWithLogins(scope, customerId, {
    id: referenceId,
  })
  if (!reference) {
    throw new MedusaError(
      MedusaError.Types.NOT_FOUND,
      `Reference ${referenceId} of customer ${customerId} was not found`
    )
  }
  return reference
}
