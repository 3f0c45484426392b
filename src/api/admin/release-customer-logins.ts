import type {
  MedusaNextFunction,
  MedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { endLoginSessions } from "../../workflows/shared/utils/login-sessions"
import {
  loginsActingFor,
  releaseDeletedCustomersLogins,
} from "../../workflows/shared/utils/release-deleted-customers-logins"

/**
 * Around core's `DELETE /admin/customers/:id`: every login that acted for
 * the customer signs in for it no more. Its sessions end before core deletes
 * the customer, on every server instance; once core has answered, the
 * customer's rows go and the logins left acting for nobody are deleted.
 */
export const releaseCustomerLogins = async (
  req: MedusaRequest,
  res: MedusaResponse,
  next: MedusaNextFunction
) => {
  const customerId = req.params.id
  const logins = await loginsActingFor(req.scope, [customerId])
  await endLoginSessions(req.scope, logins)
  res.on("finish", () => {
    if (res.statusCode >= 300) {
      return
    }
    releaseDeletedCustomersLogins(req.scope, [customerId], logins).catch(
      (error) =>
        req.scope
          .resolve(ContainerRegistrationKeys.LOGGER)
          .error(
            `customer credentials: tidying the logins of deleted customer ${customerId} failed: ${(error as Error).message}`
          )
    )
  })
  next()
}
