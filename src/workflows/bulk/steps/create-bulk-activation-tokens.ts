import { generateJwtToken, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { mapSettledWithLimit } from "../utils/concurrency"
import { createResetToken } from "../../shared/utils/create-reset-token"
import { EMAILPASS_PROVIDER } from "../../shared/utils/customer-login"

export type CreateBulkActivationTokensStepInput = {
  emails: string[]
  ttl_hours: number
  jwt: { secret: string; options?: Record<string, unknown> }
}

/** Core's reset-token calls are a few small queries each: this many at once. */
const TOKEN_CONCURRENCY = 8

export const createBulkActivationTokensStepId = "create-bulk-activation-tokens"

/**
 * One activation link token per email, made exactly like the single "send
 * activation email": a core password-reset token (`createPasswordResetToken`:
 * single use, its jti stored as a SHA-256 hash, earlier tokens voided) that
 * lives `activation_ttl_hours`, signed as a JWT the way core signs reset
 * tokens, so `/store/credentials/activate` and core's
 * `/auth/customer/emailpass/update` accept it. No slow hash anywhere.
 *
 * Returns the signed tokens by email, for the emails only. Compensation
 * spends the tokens it made.
 */
export const createBulkActivationTokensStep = createStep(
  createBulkActivationTokensStepId,
  async (input: CreateBulkActivationTokensStepInput, { container }) => {
    const made: { jti: string; email: string }[] = []
    const results = await mapSettledWithLimit(
      input.emails,
      TOKEN_CONCURRENCY,
      async (email) => {
        const { jti } = await createResetToken(container, {
          email,
          ttl_seconds: input.ttl_hours * 3600,
        })
        made.push({ jti, email })
        return generateJwtToken(
          {
            entity_id: email,
            provider: EMAILPASS_PROVIDER,
            actor_type: "customer",
            purpose: "reset",
          },
          {
            secret: input.jwt.secret,
            expiresIn: `${input.ttl_hours}h`,
            jwtOptions: { ...input.jwt.options, jwtid: jti },
          }
        )
      }
    )
    const failed = results.find((result) => !result.ok)
    if (failed && !failed.ok) {
      // Logins were just made for these emails: a failure here is the
      // database's, and the batch is rolled back and retried one by one.
      return StepResponse.permanentFailure(
        `Could not create activation links: ${(failed.error as Error).message}`,
        made
      )
    }
    const tokens: Record<string, string> = {}
    results.forEach((result, index) => {
      if (result.ok) {
        tokens[input.emails[index]] = result.value
      }
    })
    return new StepResponse(tokens, made)
  },
  async (made, { container }) => {
    if (!made?.length) {
      return
    }
    const auth = container.resolve(Modules.AUTH)
    await mapSettledWithLimit(made, TOKEN_CONCURRENCY, (token) =>
      auth.consumePasswordResetToken({
        jti: token.jti,
        provider: EMAILPASS_PROVIDER,
        entity_id: token.email,
      })
    )
  }
)
