import { MedusaError, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import {
  EMAIL_ENTITY_TYPE,
  TOKEN_CODE_PROVIDER,
} from "../../shared/utils/email-verification"
import {
  assertVerificationConfirmsOwnLogin,
  findVerificationByCode,
} from "../utils/verification-ownership"
import { LINK_USED_OR_INVALID } from "../../shared/steps/consume-activation-token"

export const confirmCustomerEmailStepId = "confirm-customer-email"

export type ConfirmCustomerEmailStepInput = {
  code: string
  /** The login signed in on the request, if any: it must be the code's. */
  auth_identity_id?: string | null
}

/**
 * Confirms an email with the one-time code of a core verification request
 * (the self-registration link). Single use and expiring, by core. The code
 * confirms only its own login's own email: before it is spent, a code of
 * another type, of another login than the one signed in, or for an address
 * that is not its login's email is refused and stays unspent.
 */
export const confirmCustomerEmailStep = createStep(
  confirmCustomerEmailStepId,
  async (input: ConfirmCustomerEmailStepInput, { container }) => {
    const { code } = input
    const auth = container.resolve(Modules.AUTH)
    const pending = await findVerificationByCode(container, code)
    if (
      !pending ||
      pending.verified_at ||
      pending.entity_type !== EMAIL_ENTITY_TYPE
    ) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        LINK_USED_OR_INVALID
      )
    }
    await assertVerificationConfirmsOwnLogin(container, pending, {
      auth_identity_id: input.auth_identity_id,
    })
    let verification: {
      id: string
      auth_identity_id?: string | null
      entity_id: string
    }
    try {
      verification = (await auth.confirmAuthVerification({
        code,
        code_provider: TOKEN_CODE_PROVIDER,
      })) as typeof verification
    } catch (error) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        /expired/i.test((error as Error).message)
          ? "This link has expired. Ask for a new one."
          : LINK_USED_OR_INVALID
      )
    }
    const [full] = await auth.listAuthVerifications(
      { id: [verification.id] },
      {
        select: [
          "id",
          "entity_id",
          "auth_identity.id",
          "auth_identity.app_metadata",
        ],
        relations: ["auth_identity"],
      }
    )
    const customerId = (
      full as unknown as {
        auth_identity?: { app_metadata?: Record<string, unknown> }
      }
    ).auth_identity?.app_metadata?.customer_id as string | undefined
    if (!customerId) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        LINK_USED_OR_INVALID
      )
    }
    return new StepResponse({ customer_id: customerId, email: full.entity_id })
  }
)
