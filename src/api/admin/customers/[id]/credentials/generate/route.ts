import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { generateCustomerCredentialsWorkflow } from "../../../../../../workflows/credentials/generate-customer-credentials"
import { readCustomerCredentials } from "../../../../../utils/read-customer-credentials"

/** "Generate and send credentials": the password goes only into the email. */
export const POST = async (
  req: AuthenticatedMedusaRequest,
  res: MedusaResponse
) => {
  await generateCustomerCredentialsWorkflow(req.scope).run({
    input: {
      customer_id: req.params.id,
      actor: { type: "user", id: req.auth_context.actor_id },
    },
  })

  res.json({
    credentials: await readCustomerCredentials(req.scope, req.params.id),
  })
}
