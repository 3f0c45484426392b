import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { CREDENTIALS_MODULE } from "../../modules/credentials"
import type CredentialsModuleService from "../../modules/credentials/service"

export type ApplyPasswordChangeStepInput = {
  credential_id: string
  /** Must the customer choose their own password at the next sign-in? */
  temporary: boolean
  /** Minutes the temporary password works; 0 or less: no expiry. */
  expiration_minutes: number
  /** Also turn login on (generated credentials are meant to be used). */
  enable_login?: boolean
  /** Give the customer a customer number if they have none. */
  assign_customer_number?: boolean
  /** Set "Email confirmed" (a login this change creates). */
  email_confirmed?: boolean
}

export const applyPasswordChangeStepId = "apply-password-change"

/**
 * Records a new password on the customer's login state: when it changed,
 * whether it is temporary and until when, a fresh lockout counter, and the
 * registration date on the first login. Compensation restores the row.
 */
export const applyPasswordChangeStep = createStep(
  applyPasswordChangeStepId,
  async (input: ApplyPasswordChangeStepInput, { container }) => {
    const service =
      container.resolve<CredentialsModuleService>(CREDENTIALS_MODULE)
    const before = await service.retrieveCustomerCredential(input.credential_id)
    const now = new Date()

    const changes = {
      last_password_change_at: now,
      must_change_password: input.temporary,
      temporary_password_expires_at:
        input.temporary && input.expiration_minutes > 0
          ? new Date(now.getTime() + input.expiration_minutes * 60_000)
          : null,
      failed_login_count: 0,
      locked_until: null,
      registered_at: before.registered_at ?? now,
      ...(input.enable_login ? { login_enabled: true } : {}),
      ...(input.email_confirmed !== undefined
        ? { email_confirmed: input.email_confirmed }
        : {}),
      ...(input.assign_customer_number && !before.customer_number
        ? { customer_number: await service.nextCustomerNumber() }
        : {}),
    }
    const updated = await service.updateCustomerCredentials({
      id: input.credential_id,
      ...changes,
    })

    const previous = Object.fromEntries(
      Object.keys(changes).map((key) => [
        key,
        before[key as keyof typeof before],
      ])
    )
    return new StepResponse(updated, { id: input.credential_id, previous })
  },
  async (undo, { container }) => {
    if (!undo) {
      return
    }
    const service =
      container.resolve<CredentialsModuleService>(CREDENTIALS_MODULE)
    await service.updateCustomerCredentials({ id: undo.id, ...undo.previous })
  }
)
