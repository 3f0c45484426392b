import type {
  MedusaNextFunction,
  MedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { z } from "@medusajs/framework/zod"
import { generateResetPasswordTokenWorkflow } from "@medusajs/medusa/core-flows"
import { loadCredentialSettings } from "../../workflows/shared/steps/load-credential-settings"
import { loginEmailOfTyped } from "../../workflows/shared/utils/customer-login"
import { resetTokenLockKey } from "../../workflows/shared/utils/reset-token-lock-key"

/** Core's ResetPasswordRequest; anything else is left to core's validator. */
const ResetRequest = z.object({
  identifier: z.string().min(1).max(320),
  metadata: z.record(z.string(), z.unknown()).optional(),
})

/**
 * In place of core's `POST /auth/customer/emailpass/reset-password` handler,
 * which runs core's reset-token workflow and then answers 201: the plugin
 * answers 201 first and then runs the same workflow, so
 * - the answer takes the same time whether the email has a login or not
 *   (core's answer was ~10 ms slower for a known email: the token write);
 * - tokens for one email are issued under a lock, one after the other, so
 *   exactly one stays valid (see reset-token-lock-key.ts).
 * The email still goes out through `auth.password_reset` and the plugin's
 * subscriber. With "Customers can reset their own password" off the answer
 * is the same 201, and no token is issued.
 */
export const issueResetTokenAfterAnswering = (
  req: MedusaRequest,
  res: MedusaResponse,
  next: MedusaNextFunction
) => {
  const parsed = ResetRequest.safeParse(req.body)
  if (!parsed.success) {
    return next()
  }
  const { identifier, metadata } = parsed.data
  const scope = req.scope
  const { http } = scope.resolve(
    ContainerRegistrationKeys.CONFIG_MODULE
  ).projectConfig
  res.sendStatus(201)

  // After the answer: the login the typed email names (in whatever letter
  // case), found once the 201 is sent, so its time tells nothing.
  const issueToken = async () => {
    const entityId = await loginEmailOfTyped(scope, identifier)
    return scope.resolve(Modules.LOCKING).execute(
      resetTokenLockKey(entityId),
      () =>
        generateResetPasswordTokenWorkflow(scope).run({
          input: {
            entityId,
            actorType: "customer",
            provider: "emailpass",
            secret: http.jwtSecret as string,
            jwtOptions: http.jwtOptions,
            metadata,
          },
          // As core: an unknown email fails quietly.
          throwOnError: false,
        }),
      { timeout: 15 }
    )
  }

  // "Customers can reset their own password" off (or no accounts at all):
  // the same answer, and nothing is sent. The admin's reset still works.
  void loadCredentialSettings(scope)
    .then((settings) =>
      settings.customer_accounts_enabled &&
      settings.customers_can_reset_password
        ? issueToken()
        : undefined
    )
    .catch((error: { type?: string; name?: string }) =>
      scope
        .resolve(ContainerRegistrationKeys.LOGGER)
        .warn(
          `customer-credentials: a reset token could not be issued (${error?.type ?? error?.name ?? "error"})`
        )
    )
}
