import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { endCustomerSessionsWorkflow } from "../../../../../../workflows/credentials/end-customer-sessions"
import { readCustomerCredentials } from "../../../../../utils/read-customer-credentials"

/** Ends every open session of the customer's account, on every device. */
export const POST = async (
  req: AuthenticatedMedusaRequest,
  res: MedusaResponse
) => {
  await endCustomerSessionsWorkflow(req.scope).run({
    input: {
      customer_id: req.params.id,
      actor: { type: "user", id: req.auth_context.actor_id },
    },
  })
  res.json({
    credentials: await readCustomerCredentials(req.scope, req.params.id),
  })
}
