import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { getCustomerCredentialsWorkflow } from "../../../../../workflows/get-customer-credentials"
import { updateCustomerCredentialsWorkflow } from "../../../../../workflows/update-customer-credentials"
import { formatCustomerCredentials } from "../../../../utils/format-customer-credentials"
import type { AdminUpdateCustomerCredentialsType } from "./validators"

export const GET = async (
  req: AuthenticatedMedusaRequest,
  res: MedusaResponse
) => {
  const { result } = await getCustomerCredentialsWorkflow(req.scope).run({
    input: { customer_id: req.params.id },
  })

  res.json({
    credentials: formatCustomerCredentials(result.customer, result.credential),
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
    credentials: formatCustomerCredentials(result.customer, result.credential),
  })
}
