import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { chooseAccount } from "../../../utils/sign-in/choose-account"
import type { StoreChooseAccountType } from "../validators"

/** A signed-in person moves to another of their accounts: a new token for it. */
export const POST = async (
  req: AuthenticatedMedusaRequest<StoreChooseAccountType>,
  res: MedusaResponse
) => {
  res.json(await chooseAccount(req, req.validatedBody.customer_id))
}
