import type { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { EMAILPASS_PROVIDER } from "./customer-login"
import { resetTokenLockKey } from "./reset-token-lock-key"

/**
 * A core password-reset token for an email (single use, its jti stored
 * hashed, earlier tokens voided), issued under the per-email lock: core
 * voids and creates in two statements, so two issued at once could leave
 * two valid tokens. Every reset and activation token the plugin issues
 * itself comes from here; core's `generateResetPasswordTokenWorkflow` is run
 * under the same lock (`request-customer-password-reset`,
 * `issue-reset-token-after-answering`).
 */
export const createResetToken = async (
  container: MedusaContainer,
  input: { email: string; ttl_seconds: number }
): Promise<{ jti: string }> =>
  container.resolve(Modules.LOCKING).execute(
    resetTokenLockKey(input.email),
    () =>
      container.resolve(Modules.AUTH).createPasswordResetToken({
        provider: EMAILPASS_PROVIDER,
        entity_id: input.email,
        ttl_seconds: input.ttl_seconds,
      }),
    { timeout: 15 }
  )
