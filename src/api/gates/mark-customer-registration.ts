import type {
  MedusaNextFunction,
  MedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { Modules } from "@medusajs/framework/utils"
import { verifyCustomerToken } from "./customer-auth-context"

/**
 * Set on a login made by the gated customer registration (core's
 * `/auth/customer/emailpass/register`): only such a login may become a
 * customer through `POST /store/customers`. An emailpass login is one per
 * email for every actor type, so one made through another actor's route
 * (`/auth/vendor/emailpass/register`) passed none of the customer's gates.
 */
export const CUSTOMER_REGISTRATION_KEY = "customer_registration"

export const isCustomerRegistration = (
  appMetadata: Record<string, unknown> | null | undefined
) => appMetadata?.[CUSTOMER_REGISTRATION_KEY] === true

/** Marks the login core's registration handler made, before it answers. */
export const markCustomerRegistration = (
  req: MedusaRequest,
  res: MedusaResponse,
  next: MedusaNextFunction
) => {
  const json = res.json.bind(res)
  res.json = ((body: { token?: unknown }) => {
    res.json = json
    if (res.statusCode !== 200 || typeof body?.token !== "string") {
      return json(body)
    }
    const context = verifyCustomerToken(req.scope, `Bearer ${body.token}`)
    const auth = req.scope.resolve(Modules.AUTH)
    auth
      .retrieveAuthIdentity(context!.auth_identity_id, {
        select: ["id", "app_metadata"],
      })
      .then((identity) =>
        auth.updateAuthIdentities({
          id: identity.id,
          app_metadata: {
            ...identity.app_metadata,
            [CUSTOMER_REGISTRATION_KEY]: true,
          },
        })
      )
      .then(
        () => json(body),
        (error) => next(error)
      )
    return res
  }) as typeof res.json
  next()
}
