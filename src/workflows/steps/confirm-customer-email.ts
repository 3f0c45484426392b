import { MedusaError, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { TOKEN_CODE_PROVIDER } from "../utils/email-verification"
import { LINK_USED_OR_INVALID } from "./consume-activation-token"

export const confirmCustomerEmailStepId = "confirm-customer-email"

/**
 * Confirms an email with the one-time code of a core verification request
 * (the self-registration link). Single use and expiring, by core.
 */
export const confirmCustomerEmailStep = createStep(
  confirmCustomerEmailStepId,
  async (code: string, { container }) => {
    const auth = container.resolve(Modules.AUTH)
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
