import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { updateCustomerCredentialsWorkflow } from "../../../../../workflows/credentials/update-customer-credentials"
import { readCustomerCredentials } from "../../../../utils/read-customer-credentials"
import type { AdminUpdateCustomerCredentialsType } from "./validators"

export const GET = async (
  req: AuthenticatedMedusaRequest,
  res: MedusaResponse
) => {
  res.json({
    credentials: await readCustomerCredentials(req.scope, req.params.id),
  })
}

export const POST = async (
  req: AuthenticatedMedusaRequest<AdminUpdateCustomerCredentialsType>,
  res: MedusaResponse
) => {
  const { result } = await updateCustomerCredentialsWorkflow(req.scope).run({
    input: {
      ...req.validatedBody,
      customer_id: req.params.id,
      actor: { type: "user", id: req.auth_context.actor_id },
    },
  })

  res.json({
    credentials: await readCustomerCredentials(req.scope, req.params.id),
    confirmation_link_sent: result.confirmation_link_sent,
  })
}
