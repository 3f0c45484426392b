import type {
  AuthenticatedMedusaRequest,
  MedusaNextFunction,
  MedusaResponse,
} from "@medusajs/framework/http"
import { requestCredentialSettings } from "./request-credential-settings"
import { refuse } from "./refuse"

/** Force login: with the setting on, only a signed-in customer may buy. */
export const requireSignInToPurchase = async (
  req: AuthenticatedMedusaRequest,
  res: MedusaResponse,
  next: MedusaNextFunction
) => {
  const settings = await requestCredentialSettings(req)
  const signedIn =
    req.auth_context?.actor_type === "customer" && !!req.auth_context.actor_id
  if (settings.force_login && !signedIn) {
    return refuse(res, {
      status: 401,
      code: "sign_in_required",
      message: "Please sign in to place your order.",
    })
  }
  next()
}
