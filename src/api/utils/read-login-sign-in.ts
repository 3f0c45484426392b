import type { MedusaContainer } from "@medusajs/framework/types"
import { CREDENTIALS_MODULE } from "../../modules/credentials"
import type CredentialsModuleService from "../../modules/credentials/service"
import {
  signInIdentifiers,
  type SignInIdentifier,
} from "../../modules/credentials/sign-in-identifiers"

/**
 * What a login signs in with now ("email", "customer_number"), from the
 * credential row of the customer it is (its own, not a B2B account it acts
 * for), with its customer number. No row yet: its email, as before.
 */
export const readLoginSignIn = async (
  scope: MedusaContainer,
  loginCustomerId: string
): Promise<{
  sign_in_with: SignInIdentifier[]
  customer_number: string | null
}> => {
  const [row] = await scope
    .resolve<CredentialsModuleService>(CREDENTIALS_MODULE)
    .listCustomerCredentials(
      { customer_id: loginCustomerId },
      { take: 1, select: ["sign_in_with", "customer_number"] }
    )
  return {
    sign_in_with: signInIdentifiers(row?.sign_in_with, row?.customer_number),
    customer_number: row?.customer_number ?? null,
  }
}
