import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { chooseAccount } from "../../../utils/sign-in/choose-account"
import type { StoreChooseAccountType } from "../validators"

/**
 * After a sign-in that listed several accounts (B2B): `{ customer_id }`,
 * with the account-selection token as bearer → the token for that account.
 */
export const POST = async (
  req: AuthenticatedMedusaRequest<StoreChooseAccountType>,
  res: MedusaResponse
) => {
  res.json(await chooseAccount(req, req.validatedBody.customer_id))
}
