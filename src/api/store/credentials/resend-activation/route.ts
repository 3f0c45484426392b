import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { resendEmailConfirmationWorkflow } from "../../../../workflows/resend-email-confirmation"
import type { StoreResendActivationType } from "../validators"

/** Always 202, whatever the email: the answer tells nobody whether it has an account. */
export const POST = async (
  req: MedusaRequest<StoreResendActivationType>,
  res: MedusaResponse
) => {
  await resendEmailConfirmationWorkflow(req.scope).run({
    input: { email: req.validatedBody.email },
  })
  res.status(202).json({
    message:
      "If an account with this email waits for confirmation, we sent a new link.",
  })
}
