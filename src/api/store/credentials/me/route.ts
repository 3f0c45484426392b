import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { Modules } from "@medusajs/framework/utils"
import { readLoginSignIn } from "../../../utils/read-login-sign-in"
import { requestCredentialSettings } from "../../../utils/request-credential-settings"
import {
  effectivePermissions,
  listLoginAccounts,
} from "../../../../workflows/shared/utils/login-accounts"

/**
 * The signed-in login: the account it acts for, its other accounts, and the
 * rights that hold here (store-wide AND this login's reference), and what
 * the login signs in with (`sign_in_with`: "email", "customer_number").
 */
export const GET = async (
  req: AuthenticatedMedusaRequest,
  res: MedusaResponse
) => {
  const { actor_id: customerId, auth_identity_id } = req.auth_context
  const identity = await req.scope
    .resolve(Modules.AUTH)
    .retrieveAuthIdentity(auth_identity_id!, { select: ["id", "app_metadata"] })
  const accounts = await listLoginAccounts(
    req.scope,
    identity.id,
    (identity.app_metadata?.customer_id as string) ?? null
  )
  const current = accounts.find((account) => account.customer_id === customerId)
  const settings = await requestCredentialSettings(req)
  // What this login signs in with: its own customer's row (B2B: the
  // person's, not the account's it acts for).
  const signIn = await readLoginSignIn(req.scope, {
    auth_identity_id: identity.id,
    customer_id: (identity.app_metadata?.customer_id as string) ?? customerId,
  })

  res.json({
    login: {
      customer_id: customerId,
      account_name: current?.name ?? null,
      accounts: accounts
        .filter((account) => account.internet_user)
        .map((account) => ({
          customer_id: account.customer_id,
          name: account.name,
        })),
      permissions: effectivePermissions(settings, current ?? null),
      sign_in_with: signIn.sign_in_with,
      customer_number: signIn.customer_number,
    },
  })
}
