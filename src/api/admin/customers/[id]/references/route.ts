import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { addCustomerReferenceWorkflow } from "../../../../../workflows/references/add-customer-reference"
import { assertCustomerExists } from "../../../../utils/assert-customer-exists"
import { formatCustomerReference } from "../../../../utils/format-customer-reference"
import { listReferencesWithLogins } from "../../../../utils/read-reference-logins"
import type { AdminAddCustomerReferenceType } from "./validators"

/**
 * B2B: the people (logins) who may act for this customer account, each with
 * its login's state (has_password, email_confirmed, locked, last_signed_in_at).
 */
export const GET = async (
  req: AuthenticatedMedusaRequest,
  res: MedusaResponse
) => {
  await assertCustomerExists(req.scope, req.params.id)
  res.json({
    references: await listReferencesWithLogins(req.scope, req.params.id),
  })
}

/** What the admin tells the person when they have no password they know. */
const choosePasswordMessage = (email: string, passwordRemoved: boolean) =>
  passwordRemoved
    ? `${email} had a login whose email was never confirmed. Its password was removed so that nobody else can use it: send an activation email or generated credentials, or the person chooses a new one with "Forgot password" on the sign-in page.`
    : `${email} has no password yet: send an activation email or generated credentials, or the person chooses one with "Forgot password" on the sign-in page.`

/**
 * Adds a person by email. A confirmed customer login keeps its password; any
 * other login loses it (`has_password: false`, and a message saying what the
 * person does next).
 */
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
  const reference = formatCustomerReference(result.reference)
  res.status(201).json({
    reference,
    has_password: result.login.has_password,
    ...(result.login.has_password
      ? {}
      : {
          message: choosePasswordMessage(
            reference.email,
            result.login.password_removed
          ),
        }),
  })
}
