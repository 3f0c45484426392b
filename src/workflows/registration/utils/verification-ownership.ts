import { createHash } from "node:crypto"
import type { MedusaContainer } from "@medusajs/framework/types"
import { MedusaError, Modules } from "@medusajs/framework/utils"
import { findLoginEmail } from "../../shared/utils/customer-login"
import {
  EMAIL_ENTITY_TYPE,
  TOKEN_CODE_PROVIDER,
} from "../../shared/utils/email-verification"

/** Emails compare trimmed and case-insensitively, as people type them. */
export const sameEmail = (a: string | null | undefined, b: string) =>
  !!a && a.trim().toLowerCase() === b.trim().toLowerCase()

/** An entity type that means "email", however it is spelled. */
export const isEmailEntityType = (entityType: unknown) =>
  typeof entityType === "string" &&
  entityType.trim().toLowerCase() === EMAIL_ENTITY_TYPE

/**
 * Is this address the login's own email (its emailpass identity's
 * `entity_id`)? A login without a password identity (SSO only) owns none.
 */
export const isLoginsOwnEmail = async (
  container: MedusaContainer,
  authIdentityId: string,
  email: string
) => sameEmail(await findLoginEmail(container, authIdentityId), email)

export type PendingVerification = {
  id: string
  auth_identity_id: string | null
  entity_id: string
  entity_type: string
  verified_at: Date | string | null
}

/**
 * The record a `token` code belongs to, read before the code is spent. Core's
 * token provider stores only the code's SHA-256 (hex) in
 * `provider_metadata.token_hash` and finds the record the same way when it
 * confirms (`@medusajs/auth`, `providers/verification/token.js`).
 */
export const findVerificationByCode = async (
  container: MedusaContainer,
  code: string
): Promise<PendingVerification | null> => {
  const [verification] = await container
    .resolve(Modules.AUTH)
    .listAuthVerifications(
      {
        code_provider: TOKEN_CODE_PROVIDER,
        provider_metadata: {
          token_hash: createHash("sha256").update(code).digest("hex"),
        },
      } as never,
      {
        select: [
          "id",
          "auth_identity_id",
          "entity_id",
          "entity_type",
          "verified_at",
        ],
        take: 1,
      }
    )
  return (verification as unknown as PendingVerification) ?? null
}

export const FOREIGN_CODE_MESSAGE =
  "This link does not confirm the email address of the account it was made for. Use the newest link we sent to your own address, or ask for a new one."

export const OTHER_LOGIN_CODE_MESSAGE =
  "This link belongs to another account than the one signed in here. Sign out, then open the link again."

/**
 * A code confirms only its own login: refused when someone signed in as
 * another login presents it, and, for an email, when the address is not the
 * login's own email (a code for another address, asked for through core's
 * `POST /auth/verification/request`, would otherwise confirm the login that
 * asked for it).
 */
export const assertVerificationConfirmsOwnLogin = async (
  container: MedusaContainer,
  verification: PendingVerification,
  caller: { auth_identity_id?: string | null } = {}
) => {
  if (
    caller.auth_identity_id &&
    verification.auth_identity_id !== caller.auth_identity_id
  ) {
    throw new MedusaError(
      MedusaError.Types.NOT_ALLOWED,
      OTHER_LOGIN_CODE_MESSAGE
    )
  }
  if (
    isEmailEntityType(verification.entity_type) &&
    !(
      verification.auth_identity_id &&
      (await isLoginsOwnEmail(
        container,
        verification.auth_identity_id,
        verification.entity_id
      ))
    )
  ) {
    throw new MedusaError(MedusaError.Types.NOT_ALLOWED, FOREIGN_CODE_MESSAGE)
  }
}
