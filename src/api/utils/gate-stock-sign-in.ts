import type {
  MedusaNextFunction,
  MedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { signInCustomer } from "../../workflows/sign-in"
import type { StockEmailpassSignInType } from "../store/credentials/validators"
import { respondToSignInRefusal } from "./sign-in/respond-to-refusal"
import { rememberDevice, signInInputOf } from "./sign-in/sign-in-input"

/**
 * Medusa's own `POST /auth/customer/emailpass` goes through the same gates
 * and locks as the plugin's sign-in, so a storefront cannot bypass them by
 * calling core. It answers in core's shape (`{ token }`), and the sign-in
 * itself stays core's: the auth module's emailpass provider and core's token.
 */
export const gateStockSignIn = async (
  req: MedusaRequest<StockEmailpassSignInType>,
  res: MedusaResponse,
  next: MedusaNextFunction
) => {
  try {
    const { email, password } = req.validatedBody
    const input = await signInInputOf(req, { identifier: email, password })
    const outcome = await signInCustomer(req.scope, input)
    rememberDevice(req, outcome)
    res.json(outcome.result)
  } catch (error) {
    if (!respondToSignInRefusal(res, error)) {
      next(error)
    }
  }
}
