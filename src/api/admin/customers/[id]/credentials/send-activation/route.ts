import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { sendCustomerActivationWorkflow } from "../../../../../../workflows/credentials/send-customer-activation"
import { jwtConfigFrom } from "../../../../../utils/jwt-config"
import { readCustomerCredentials } from "../../../../../utils/read-customer-credentials"

/** "Send activation email": the customer sets their password and confirms their email. */
export const POST = async (
  req: AuthenticatedMedusaRequest,
  res: MedusaResponse
) => {
  await sendCustomerActivationWorkflow(req.scope).run({
    input: {
      customer_id: req.params.id,
      actor: { type: "user", id: req.auth_context.actor_id },
      jwt: jwtConfigFrom(req.scope),
    },
  })

  res.status(202).json({
    credentials: await readCustomerCredentials(req.scope, req.params.id),
  })
}
