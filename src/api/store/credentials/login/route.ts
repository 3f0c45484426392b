import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { signInCustomer } from "../../../../workflows/sign-in"
import { respondToSignInRefusal } from "../../../utils/sign-in/respond-to-refusal"
import {
  rememberDevice,
  signInInputOf,
} from "../../../utils/sign-in/sign-in-input"
import type { StoreSignInType } from "../validators"

/**
 * Sign in with an email or a customer number. Returns the token Medusa's
 * `POST /auth/customer/emailpass` returns, plus `must_change_password`.
 */
export const POST = async (
  req: MedusaRequest<StoreSignInType>,
  res: MedusaResponse
) => {
  try {
    const input = await signInInputOf(req, req.validatedBody)
    const outcome = await signInCustomer(req.scope, input)
    rememberDevice(req, outcome)
    res.json(outcome.result)
  } catch (error) {
    if (!respondToSignInRefusal(res, error)) {
      throw error
    }
  }
}
