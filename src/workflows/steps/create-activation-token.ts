import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { createResetToken } from "../utils/create-reset-token"
import { EMAILPASS_PROVIDER } from "../utils/customer-login"

export const createActivationTokenStepId = "create-activation-token"

type TokenRow = Record<string, unknown> & { id: string }

/**
 * The activation link's token: a core reset token for the email, issued
 * under its lock (`create-reset-token.ts`). Core voids the email's earlier
 * tokens as it makes one; compensation spends the new token and puts the
 * earlier ones back, so an activation whose email cannot be sent leaves the
 * person's earlier link working. Core's auth module has no read or write
 * for its reset tokens: its table is read and restored as core writes it.
 */
export const createActivationTokenStep = createStep(
  createActivationTokenStepId,
  async (input: { email: string; ttl_seconds: number }, { container }) => {
    const knex = container.resolve<Knex>(
      ContainerRegistrationKeys.PG_CONNECTION
    )
    const earlier: TokenRow[] = await knex("auth_password_reset_token as t")
      .join("provider_identity as p", "p.id", "t.provider_identity_id")
      .whereNull("t.deleted_at")
      .where("p.provider", EMAILPASS_PROVIDER)
      .where("p.entity_id", input.email)
      .select("t.*")
    const { jti } = await createResetToken(container, input)
    return new StepResponse({ jti }, { jti, email: input.email, earlier })
  },
  async (made, { container }) => {
    if (!made) {
      return
    }
    await container
      .resolve(Modules.AUTH)
      .consumePasswordResetToken({
        jti: made.jti,
        provider: EMAILPASS_PROVIDER,
        entity_id: made.email,
      })
      .catch(() => undefined) // already spent
    if (made.earlier?.length) {
      await container
        .resolve<Knex>(ContainerRegistrationKeys.PG_CONNECTION)(
          "auth_password_reset_token"
        )
        .insert(made.earlier.map((row) => ({ ...row, deleted_at: null })))
        .onConflict("id")
        .merge(["deleted_at"])
    }
  }
)
