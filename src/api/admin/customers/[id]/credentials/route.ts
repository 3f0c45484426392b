import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { getCustomerCredentialsWorkflow } from "../../../../../workflows/get-customer-credentials"
import { formatCustomerCredentials } from "../../../../utils/format-customer-credentials"

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
