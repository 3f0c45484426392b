import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { generateCustomerCredentialsWorkflow } from "../../../../../../../workflows/credentials/generate-customer-credentials"
import { readReferenceWithLogin } from "../../../../../../utils/read-reference-logins"

/** "Generate and send credentials" to a person acting for this account: the password goes only into their email. */
export const POST = async (
  req: AuthenticatedMedusaRequest,
  res: MedusaResponse
) => {
  await generateCustomerCredentialsWorkflow(req.scope).run({
    input: {
      customer_id: req.params.id,
      reference_id: req.params.reference_id,
      actor: { type: "user", id: req.auth_context.actor_id },
    },
  })
  res.json({
    reference: await readReferenceWithLogin(
      req.scope,
      req.params.id,
      req.params.reference_id
    ),
  })
}
