import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { EMAILPASS_PROVIDER } from "./customer-login"

/**
 * Core's open password-reset tokens, as rows of its `auth_password_reset_token`
 * table: the auth module issues and spends them (`createPasswordResetToken`,
 * `consumePasswordResetToken`) but has no method to list, void or restore
 * them, so the plugin reads and writes the rows as core writes them.
 */
export type ResetTokenRow = Record<string, unknown> & { id: string }

const knexOf = (container: { resolve<T>(key: string): T }) =>
  container.resolve<Knex>(ContainerRegistrationKeys.PG_CONNECTION)

/** The open reset tokens of emailpass logins, by email or by identities. */
export const readResetTokens = (
  container: { resolve<T>(key: string): T },
  login: { email: string } | { auth_identity_ids: string[] }
): Promise<ResetTokenRow[]> => {
  const query = knexOf(container)("auth_password_reset_token as t")
    .join("provider_identity as p", "p.id", "t.provider_identity_id")
    .whereNull("t.deleted_at")
    .where("p.provider", EMAILPASS_PROVIDER)
  return (
    "email" in login
      ? query.where("p.entity_id", login.email)
      : query.whereIn("t.auth_identity_id", login.auth_identity_ids)
  ).select("t.*")
}

/** Voids the tokens: a link already emailed no longer changes the password. */
export const deleteResetTokens = async (
  container: { resolve<T>(key: string): T },
  rows: ResetTokenRow[]
): Promise<void> => {
  if (rows.length) {
    await knexOf(container)("auth_password_reset_token")
      .whereIn(
        "id",
        rows.map((row) => row.id)
      )
      .delete()
  }
}

/** Compensation only: puts the tokens back as they were. */
export const restoreResetTokens = async (
  container: { resolve<T>(key: string): T },
  rows: ResetTokenRow[]
): Promise<void> => {
  if (rows.length) {
    await knexOf(container)("auth_password_reset_token")
      .insert(rows.map((row) => ({ ...row, deleted_at: null })))
      .onConflict("id")
      .merge(["deleted_at"])
  }
}
