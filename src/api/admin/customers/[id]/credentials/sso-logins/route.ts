import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { readSsoLogins } from "../../../../../utils/sso/read-sso-logins"

/** The single sign-on logins that sign in as the customer, by provider. */
export const GET = async (
  req: AuthenticatedMedusaRequest,
  res: MedusaResponse
) => {
  res.json({ sso_logins: await readSsoLogins(req.scope, req.params.id) })
}
