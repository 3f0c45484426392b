import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { removeCustomerReferenceWorkflow } from "../../../../../../workflows/references/remove-customer-reference"
import { updateCustomerReferenceWorkflow } from "../../../../../../workflows/references/update-customer-reference"
import { formatCustomerReference } from "../../../../../utils/format-customer-reference"
import type { AdminUpdateCustomerReferenceType } from "../validators"

export const POST = async (
  req: AuthenticatedMedusaRequest<AdminUpdateCustomerReferenceType>,
  res: MedusaResponse
) => {
  const { result } = await updateCustomerReferenceWorkflow(req.scope).run({
    input: {
      id: req.params.reference_id,
      customer_id: req.params.id,
      changes: req.validatedBody,
      actor: { type: "user", id: req.auth_context.actor_id },
    },
  })
  res.json({ reference: formatCustomerReference(result) })
}

export const DELETE = async (
  req: AuthenticatedMedusaRequest,
  res: MedusaResponse
) => {
  await removeCustomerReferenceWorkflow(req.scope).run({
    input: {
      id: req.params.reference_id,
      customer_id: req.params.id,
      actor: { type: "user", id: req.auth_context.actor_id },
    },
  })
  res.json({
    id: req.params.reference_id,
    object: "customer_reference",
    deleted: true,
  })
}
