import {
  getAuthContextFromJwtToken,
  type AuthenticatedMedusaRequest,
  type MedusaRequest,
  type MedusaResponse,
} from "@medusajs/framework/http"
import {
  ContainerRegistrationKeys,
  MedusaError,
} from "@medusajs/framework/utils"
import { activateCustomerWithPasswordWorkflow } from "../../../../workflows/credentials/activate-customer-with-password"
import { confirmCustomerEmailWorkflow } from "../../../../workflows/registration/confirm-customer-email"
import { LINK_USED_OR_INVALID } from "../../../../workflows/shared/steps/consume-activation-token"
import type { StoreActivateType } from "../validators"

/**
 * Activates an account from an emailed link:
 * - `{ token }`: the self-registration link (core verification code)
 *   confirms the email;
 * - `{ token, password }`: the backoffice activation link (core reset token)
 *   sets the customer's password and confirms the email in one step.
 * Single use and expiring; a used or expired link gets 400 with a message.
 */
export const POST = async (
  req: MedusaRequest<StoreActivateType>,
  res: MedusaResponse
) => {
  const { token, password } = req.validatedBody

  if (password === undefined) {
    const { result } = await confirmCustomerEmailWorkflow(req.scope).run({
      input: {
        code: token,
        // Signed in: the link must be this login's (the store's own
        // authenticate reads the customer's token or session, if any).
        auth_identity_id: (req as Partial<AuthenticatedMedusaRequest>)
          .auth_context?.auth_identity_id,
      },
    })
    res.json({ activated: true, email: result.email })
    return
  }

  const { http } = req.scope.resolve(
    ContainerRegistrationKeys.CONFIG_MODULE
  ).projectConfig
  const claims = getAuthContextFromJwtToken(
    `Bearer ${token}`,
    http.jwtSecret!,
    ["bearer"],
    ["customer"],
    http.jwtPublicKey,
    http.jwtVerifyOptions ?? http.jwtOptions
  ) as
    | (Record<string, unknown> & {
        entity_id?: string
        jti?: string
        purpose?: string
      })
    | null
  if (!claims?.entity_id || !claims.jti || claims.purpose !== "reset") {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, LINK_USED_OR_INVALID)
  }

  const { result } = await activateCustomerWithPasswordWorkflow(req.scope).run({
    input: { email: claims.entity_id, jti: claims.jti, password },
  })
  res.json({ activated: true, email: result.email })
}
