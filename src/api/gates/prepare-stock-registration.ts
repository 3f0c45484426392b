import type {
  MedusaNextFunction,
  MedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { MedusaError, Modules } from "@medusajs/framework/utils"
import { deleteLogins } from "../../workflows/shared/utils/login-sessions"
import {
  registrationLockKey,
  weighRegistrationLogins,
} from "../../workflows/shared/utils/registration-logins"

/** Core's answer for an email that has a login (`emailpass` register). */
const IDENTITY_EXISTS = "Identity with email already exists"

/**
 * Medusa's own `POST /auth/customer/emailpass/register`, before core's
 * handler registers (after the accounts switch and the password policy):
 * - the email is trimmed and lower-cased, as the plugin's own registration
 *   takes it: core's emailpass keeps `Ann@example.com` and
 *   `ann@example.com` apart, so a case variant would be a second login and,
 *   through `POST /store/customers`, a second registered customer;
 * - an email that has someone's login in another case is answered as core
 *   answers an email that has a login;
 * - a login that acts for nobody and whose password nobody proved (anyone
 *   can make one with `/auth/{any actor}/emailpass/register`, and it would
 *   keep the owner from registering) is removed, so core makes the
 *   registrant's. Removing it ends its sessions. Logins of an admin or any
 *   other actor, B2B logins and proven passwords are never touched.
 * The email's registration lock is held while the logins are weighed and
 * removed, so a registration in flight on the plugin's route is not taken
 * for an orphan.
 */
export const prepareStockRegistration = async (
  req: MedusaRequest,
  _res: MedusaResponse,
  next: MedusaNextFunction
) => {
  const body = req.body as Record<string, unknown> | undefined
  if (typeof body?.email !== "string" || typeof body.password !== "string") {
    return next() // core refuses it, for any email
  }
  const email = body.email.trim().toLowerCase()
  body.email = email
  const scope = req.scope
  const refused = await scope.resolve(Modules.LOCKING).execute(
    registrationLockKey(email),
    async () => {
      const logins = await weighRegistrationLogins(scope, email, null)
      if (logins.taken.some((login) => login.email !== email)) {
        return true
      }
      if (logins.orphans.length) {
        await deleteLogins(
          scope,
          logins.orphans.map((login) => login.auth_identity_id)
        )
      }
      return false
    },
    { timeout: 15 }
  )
  if (refused) {
    return next(
      new MedusaError(MedusaError.Types.UNAUTHORIZED, IDENTITY_EXISTS)
    )
  }
  next()
}
