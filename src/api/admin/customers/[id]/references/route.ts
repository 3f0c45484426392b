import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { CREDENTIALS_MODULE } from "../../../../../modules/credentials"
import type CredentialsModuleService from "../../../../../modules/credentials/service"
import { addCustomerReferenceWorkflow } from "../../../../../workflows/add-customer-reference"
import { assertCustomerExists } from "../../../../utils/assert-customer-exists"
import { formatCustomerReference } from "../../../../utils/format-customer-reference"
import type { AdminAddCustomerReferenceType } from "./validators"

/** B2B: the people (logins) who may act for this customer account. */
export const GET = async (
  req: AuthenticatedMedusaRequest,
  res: MedusaResponse
) => {
  await assertCustomerExists(req.scope, req.params.id)
  const references = await req.scope
    .resolve<CredentialsModuleService>(CREDENTIALS_MODULE)
    .listCustomerReferences(
      { customer_id: req.params.id },
      { order: { created_at: "ASC" } }
    )
  res.json({ references: references.map(formatCustomerReference) })
}

/** Adds a person by email; an email with a login keeps its password. */
export const POST = async (
  req: AuthenticatedMedusaRequest<AdminAddCustomerReferenceType>,
  res: MedusaResponse
) => {
  const { result } = await addCustomerReferenceWorkflow(req.scope).run({
    input: {
      ...req.validatedBody,
      customer_id: req.params.id,
      actor: { type: "user", id: req.auth_context.actor_id },
    },
  })
  res.status(201).json({ reference: formatCustomerReference(result) })
}
