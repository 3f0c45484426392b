import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { endCustomerSessionsWorkflow } from "../../../../workflows/credentials/end-customer-sessions"

/**
 * The signed-in customer ends every session of their login, this one
 * included: every device must sign in again.
 */
export const POST = async (
  req: AuthenticatedMedusaRequest,
  res: MedusaResponse
) => {
  await endCustomerSessionsWorkflow(req.scope).run({
    input: {
      customer_id: req.auth_context.actor_id,
      auth_identity_id: req.auth_context.auth_identity_id,
      actor: { type: "customer", id: req.auth_context.actor_id },
    },
  })
  res.json({ success: true })
}
