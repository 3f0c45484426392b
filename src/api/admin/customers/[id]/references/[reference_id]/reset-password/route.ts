import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { requestCustomerPasswordResetWorkflow } from "../../../../../../../workflows/credentials/request-customer-password-reset"
import { jwtConfigFrom } from "../../../../../../utils/jwt-config"
import { readReferenceWithLogin } from "../../../../../../utils/read-reference-logins"

/** "Send reset link" to a person acting for this account: a single-use link, never returned here. */
export const POST = async (
  req: AuthenticatedMedusaRequest,
  res: MedusaResponse
) => {
  await requestCustomerPasswordResetWorkflow(req.scope).run({
    input: {
      customer_id: req.params.id,
      reference_id: req.params.reference_id,
      actor: { type: "user", id: req.auth_context.actor_id },
      jwt: jwtConfigFrom(req.scope),
    },
  })
  res.status(202).json({
    reference: await readReferenceWithLogin(
      req.scope,
      req.params.id,
      req.params.reference_id
    ),
  })
}
