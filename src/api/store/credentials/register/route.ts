import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { registerCustomerWorkflow } from "../../../../workflows/registration/register-customer"
import { jwtConfigFrom } from "../../../utils/jwt-config"
import type { StoreRegisterType } from "../validators"
import { refuse } from "../../../utils/refuse"

/**
 * Register with email, password, first and last name. 201 says what happens
 * next; 409 when the email already has an account (nothing is changed).
 * The answer names no customer: a guest's email becomes the guest's
 * account, and its id (a ULID, which carries its creation time) would tell
 * the registrant that the email ordered here, and when. A new email and a
 * guest's get the same answer.
 */
export const POST = async (
  req: MedusaRequest<StoreRegisterType>,
  res: MedusaResponse
) => {
  try {
    const { result } = await registerCustomerWorkflow(req.scope).run({
      input: { ...req.validatedBody, jwt: jwtConfigFrom(req.scope) },
    })
    res.status(201).json({
      email: req.validatedBody.email,
      next_step: result.email_confirmation_required
        ? "confirm_email"
        : "sign_in",
      message: result.email_confirmation_required
        ? "Your account was created. We sent you an email: open its link to confirm your address, then sign in."
        : "Your account was created. You can sign in now.",
    })
  } catch (error) {
    if (
      MedusaError.isMedusaError(error) &&
      (error as MedusaError).type === MedusaError.Types.DUPLICATE_ERROR
    ) {
      return refuse(res, {
        status: 409,
        code: "account_exists",
        message: (error as MedusaError).message,
      })
    }
    throw error
  }
}
