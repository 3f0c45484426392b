import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { findEmailpassLogin } from "../utils/customer-login"
import {
  authVerificationWrites,
  EMAIL_ENTITY_TYPE,
  findEmailVerification,
  TOKEN_CODE_PROVIDER,
} from "../utils/email-verification"

export type SyncEmailVerificationStepInput = {
  customer: { id: string; email?: string | null }
  confirmed: boolean
}

type Undo =
  { created_id: string } | { id: string; verified_at: Date | null } | undefined

export const syncEmailVerificationStepId = "sync-email-verification"

/**
 * Writes the admin's "Email confirmed" switch to core's verification record
 * for the customer's login, so the switch and the storefront's confirmation
 * link agree. Without a login there is no record to write: the plugin's own
 * column then carries the value alone.
 */
export const syncEmailVerificationStep = createStep(
  syncEmailVerificationStepId,
  async (input: SyncEmailVerificationStepInput, { container }) => {
    const { customer, confirmed } = input
    if (!customer.email) {
      return new StepResponse(void 0, undefined as Undo)
    }
    const login = await findEmailpassLogin(container, customer.email)
    if (!login || login.customer_id !== customer.id) {
      return new StepResponse(void 0, undefined as Undo)
    }

    const auth = authVerificationWrites(container)
    const verification = await findEmailVerification(
      container,
      login.auth_identity_id,
      customer.email
    )
    const now = new Date()

    if (!verification) {
      if (!confirmed) {
        return new StepResponse(void 0, undefined as Undo)
      }
      const created = await auth.createAuthVerifications({
        auth_identity_id: login.auth_identity_id,
        entity_id: customer.email,
        entity_type: EMAIL_ENTITY_TYPE,
        code_provider: TOKEN_CODE_PROVIDER,
        requested_at: now,
        verified_at: now,
        metadata: { confirmed_by: "admin" },
      })
      return new StepResponse(void 0, { created_id: created.id } as Undo)
    }

    if (Boolean(verification.verified_at) === confirmed) {
      return new StepResponse(void 0, undefined as Undo)
    }
    await auth.updateAuthVerifications({
      id: verification.id,
      verified_at: confirmed ? now : null,
    })
    return new StepResponse(void 0, {
      id: verification.id,
      verified_at: verification.verified_at ?? null,
    } as Undo)
  },
  async (undo, { container }) => {
    if (!undo) {
      return
    }
    const auth = authVerificationWrites(container)
    if ("created_id" in undo) {
      await auth.deleteAuthVerifications([undo.created_id])
      return
    }
    await auth.updateAuthVerifications({
      id: undo.id,
      verified_at: undo.verified_at,
    })
  }
)
