import type {
  AuthenticatedMedusaRequest,
  MedusaNextFunction,
  MedusaResponse,
} from "@medusajs/framework/http"
import { CREDENTIALS_MODULE } from "../../modules/credentials"
import type CredentialsModuleService from "../../modules/credentials/service"
import { EMAILPASS_PROVIDER } from "../../workflows/utils/customer-login"

/** What a customer with a temporary password may still call. */
const ALLOWED_WHILE_PASSWORD_MUST_CHANGE: { method: string; path: RegExp }[] = [
  { method: "POST", path: /^\/store\/customers\/me\/password\/?$/ },
  { method: "GET", path: /^\/store\/credentials\/config\/?$/ },
  { method: "GET", path: /^\/store\/credentials\/me\/?$/ },
]

/**
 * Runs on every store request made with a customer's token or session:
 * - login turned off by an admin ends the customer's existing sessions too;
 * - a temporary password must be replaced before anything else is done.
 */
export const gateSignedInCustomer = async (
  req: AuthenticatedMedusaRequest,
  res: MedusaResponse,
  next: MedusaNextFunction
) => {
  const actor = req.auth_context
  if (actor?.actor_type !== "customer" || !actor.actor_id) {
    return next()
  }

  const service =
    req.scope.resolve<CredentialsModuleService>(CREDENTIALS_MODULE)
  const [credential] = await service.listCustomerCredentials(
    { customer_id: actor.actor_id },
    { take: 1, select: ["login_enabled", "must_change_password"] }
  )
  if (!credential) {
    return next()
  }

  if (!credential.login_enabled) {
    res.status(401).json({
      type: "unauthorized",
      code: "login_disabled",
      message: "Sign-in is turned off for this account. Please contact us.",
    })
    return
  }

  const path = req.originalUrl.split("?")[0]
  // A temporary password binds the sessions it opened, not single sign-on.
  const authProvider = (actor as { auth_provider?: string }).auth_provider
  if (
    credential.must_change_password &&
    (!authProvider || authProvider === EMAILPASS_PROVIDER) &&
    !ALLOWED_WHILE_PASSWORD_MUST_CHANGE.some(
      (allowed) => allowed.method === req.method && allowed.path.test(path)
    )
  ) {
    res.status(403).json({
      type: "not_allowed",
      code: "password_change_required",
      message:
        "You signed in with a temporary password: choose your own password first (POST /store/customers/me/password).",
    })
    return
  }
  next()
}
