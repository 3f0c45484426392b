import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { unlinkSsoLoginWorkflow } from "../../../../../../../workflows/sso/unlink-sso-login"
import { readSsoLogins } from "../../../../../../utils/sso/read-sso-logins"

/**
 * Unlinks a single sign-on login from the customer: it no longer signs in
 * as them, its sessions end, the audit trail records it.
 */
export const DELETE = async (
  req: AuthenticatedMedusaRequest,
  res: MedusaResponse
) => {
  await unlinkSsoLoginWorkflow(req.scope).run({
    input: {
      customer_id: req.params.id,
      auth_identity_id: req.params.auth_identity_id,
      actor: { type: "user", id: req.auth_context.actor_id },
    },
  })
  res.json({ sso_logins: await readSsoLogins(req.scope, req.params.id) })
}
