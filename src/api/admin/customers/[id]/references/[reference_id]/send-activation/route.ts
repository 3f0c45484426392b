import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { sendCustomerActivationWorkflow } from "../../../../../../../workflows/credentials/send-customer-activation"
import { jwtConfigFrom } from "../../../../../../utils/jwt-config"
import { readReferenceWithLogin } from "../../../../../../utils/read-reference-logins"

/** "Send activation" to a person acting for this account: they choose their password and confirm their email. */
export const POST = async (
  req: AuthenticatedMedusaRequest,
  res: MedusaResponse
) => {
  await sendCustomerActivationWorkflow(req.scope).run({
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
