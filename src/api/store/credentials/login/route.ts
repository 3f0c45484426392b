import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { respondToSignInRefusal } from "../../../utils/sign-in/respond-to-refusal"
import { signInCustomer } from "../../../utils/sign-in/sign-in-customer"
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
    res.json(await signInCustomer(req, req.validatedBody))
  } catch (error) {
    if (!respondToSignInRefusal(res, error)) {
      throw error
    }
  }
}
