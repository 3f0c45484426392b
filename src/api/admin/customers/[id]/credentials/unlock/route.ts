import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { unlockCustomerLoginWorkflow } from "../../../../../../workflows/credentials/unlock-customer-login"
import { readCustomerCredentials } from "../../../../../utils/read-customer-credentials"

/** Lifts a sign-in lock (too many failed attempts) at once. */
export const POST = async (
  req: AuthenticatedMedusaRequest,
  res: MedusaResponse
) => {
  await unlockCustomerLoginWorkflow(req.scope).run({
    input: {
      customer_id: req.params.id,
      actor: { type: "user", id: req.auth_context.actor_id },
    },
  })
  res.json({
    credentials: await readCustomerCredentials(req.scope, req.params.id),
  })
}
