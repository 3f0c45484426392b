import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { setCustomerPasswordWorkflow } from "../../../../../../workflows/credentials/set-customer-password"
import { readCustomerCredentials } from "../../../../../utils/read-customer-credentials"
import type { AdminSetCustomerPasswordType } from "../validators"

/** "Enter new password" on the customer's behalf (needs Allow Manual Entry). */
export const POST = async (
  req: AuthenticatedMedusaRequest<AdminSetCustomerPasswordType>,
  res: MedusaResponse
) => {
  await setCustomerPasswordWorkflow(req.scope).run({
    input: {
      ...req.validatedBody,
      customer_id: req.params.id,
      actor: { type: "user", id: req.auth_context.actor_id },
    },
  })

  res.json({
    credentials: await readCustomerCredentials(req.scope, req.params.id),
  })
}
