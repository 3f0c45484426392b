import type { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { CREDENTIALS_MODULE } from "../../modules/credentials"
import type CredentialsModuleService from "../../modules/credentials/service"
import {
  signInIdentifiers,
  type SignInIdentifier,
} from "../../modules/credentials/sign-in-identifiers"
import { findLoginEmail } from "../../workflows/shared/utils/customer-login"

/**
 * What a login signs in with now ("email", "customer_number"), from the
 * credential row of the customer it is (its own, not a B2B account it acts
 * for), with its customer number. No row yet: its email, as before. A login
 * that is not its customer's own (a B2B reference's person, whose login a
 * company owns: another email) signs in with its email only, as the
 * sign-in reads it (`resolve-sign-in-target.ts`), and is told no number.
 */
export const readLoginSignIn = async (
  scope: MedusaContainer,
  login: { auth_identity_id: string; customer_id: string }
): Promise<{
  sign_in_with: SignInIdentifier[]
  customer_number: string | null
}> => {
  const [email, [customer]] = await Promise.all([
    findLoginEmail(scope, login.auth_identity_id),
    scope
      .resolve(Modules.CUSTOMER)
      .listCustomers({ id: login.customer_id }, { select: ["id", "email"] }),
  ])
  if (!email || customer?.email?.toLowerCase() !== email.toLowerCase()) {
    return { sign_in_with: ["email"], customer_number: null }
  }
  const [row] = await scope
    .resolve<CredentialsModuleService>(CREDENTIALS_MODULE)
    .listCustomerCredentials(
      { customer_id: login.customer_id },
      { take: 1, select: ["sign_in_with", "customer_number"] }
    )
  return {
    sign_in_with: signInIdentifiers(row?.sign_in_with, row?.customer_number),
    customer_number: row?.customer_number ?? null,
  }
}
