import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { changeOwnPasswordWorkflow } from "../../../../../workflows/change-own-password"
import type { StoreChangePasswordType } from "../../../credentials/validators"

/** `{ current_password, new_password }` → 200; the customer gets a "password changed" email. */
export const POST = async (
  req: AuthenticatedMedusaRequest<StoreChangePasswordType>,
  res: MedusaResponse
) => {
  await changeOwnPasswordWorkflow(req.scope).run({
    input: {
      ...req.validatedBody,
      customer_id: req.auth_context.actor_id,
      auth_identity_id: req.auth_context.auth_identity_id!,
    },
  })
  res.json({ success: true })
}
