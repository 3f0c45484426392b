import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { resendEmailConfirmationWorkflow } from "../../../../workflows/registration/resend-email-confirmation"
import type { StoreResendActivationType } from "../validators"

/**
 * Always 202, whatever the email: the answer tells nobody whether it has an
 * account. It goes out before the workflow runs, as forgot-password's
 * (issue-reset-token-after-answering.ts): issuing a new code for an account
 * waiting for confirmation made that answer about 30 ms slower than an
 * unknown email's (reliability-timing.spec.ts).
 */
export const POST = async (
  req: MedusaRequest<StoreResendActivationType>,
  res: MedusaResponse
) => {
  const scope = req.scope
  const email = req.validatedBody.email
  res.status(202).json({
    message:
      "If an account with this email waits for confirmation, we sent a new link.",
  })
  await resendEmailConfirmationWorkflow(scope)
    .run({ input: { email } })
    .catch((error: { type?: string; name?: string }) =>
      scope
        .resolve(ContainerRegistrationKeys.LOGGER)
        .warn(
          `customer-credentials: a confirmation link could not be resent (${error?.type ?? error?.name ?? "error"})`
        )
    )
}
