import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { setCustomerPasswordWorkflow } from "../../../../../../../workflows/credentials/set-customer-password"
import { readReferenceWithLogin } from "../../../../../../utils/read-reference-logins"
import type { AdminSetReferencePasswordType } from "../../validators"

/**
 * "Enter password" for a person acting for this account (needs Allow Manual
 * Entry): the login's one password, for every account it acts for.
 */
export const POST = async (
  req: AuthenticatedMedusaRequest<AdminSetReferencePasswordType>,
  res: MedusaResponse
) => {
  await setCustomerPasswordWorkflow(req.scope).run({
    input: {
      ...req.validatedBody,
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
