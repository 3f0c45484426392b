import { createHash } from "node:crypto"
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import {
  ContainerRegistrationKeys,
  MedusaError,
} from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { EMAILPASS_PROVIDER } from "../../shared/utils/customer-login"
import { LINK_USED_OR_INVALID } from "../../shared/steps/consume-activation-token"

export const checkActivationTokenStepId = "check-activation-token"

/**
 * Refuses a spent or expired activation link before anything is written,
 * without spending it: the link is spent last (`consumeActivationTokenStep`),
 * so a server killed in between leaves the link working and the next click
 * finishes the activation. Core's auth module has no read for its reset
 * tokens: its table is read as core writes it (the SHA-256 of the `jti`,
 * `auth-module.js` `hashVerificationToken_`).
 */
export const checkActivationTokenStep = createStep(
  checkActivationTokenStepId,
  async (input: { email: string; jti: string }, { container }) => {
    const knex = container.resolve<Knex>(
      ContainerRegistrationKeys.PG_CONNECTION
    )
    const live = await knex("auth_password_reset_token as t")
      .join("provider_identity as p", "p.id", "t.provider_identity_id")
      .where(
        "t.token_hash",
        createHash("sha256").update(input.jti).digest("hex")
      )
      .whereNull("t.deleted_at")
      .where("t.expires_at", ">", new Date())
      .where("p.provider", EMAILPASS_PROVIDER)
      .where("p.entity_id", input.email)
      .first("t.id")
    if (!live) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        LINK_USED_OR_INVALID
      )
    }
    return new StepResponse(void 0)
  }
)
