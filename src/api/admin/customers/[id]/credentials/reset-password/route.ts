import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { requestCustomerPasswordResetWorkflow } from "../../../../../../workflows/credentials/request-customer-password-reset"
import { jwtConfigFrom } from "../../../../../utils/jwt-config"
import { readCustomerCredentials } from "../../../../../utils/read-customer-credentials"

/** "Reset password": emails the customer a single-use reset link. */
export const POST = async (
  req: AuthenticatedMedusaRequest,
  res: MedusaResponse
) => {
  await requestCustomerPasswordResetWorkflow(req.scope).run({
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
