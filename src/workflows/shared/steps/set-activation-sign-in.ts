import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { CREDENTIALS_MODULE } from "../../../modules/credentials"
import type CredentialsModuleService from "../../../modules/credentials/service"
import type { SignInWith } from "../../../modules/credentials/sign-in-identifiers"

export type SetActivationSignInStepInput = {
  /** The logins an activation was sent for, and whether it made them. */
  logins: { customer_id: string; created_login: boolean }[]
  /** The store's `backoffice_activation_sign_in`; null: not a backoffice activation. */
  sign_in_with: SignInWith | null
}

export const setActivationSignInStepId = "set-activation-sign-in"

/**
 * A backoffice activation (the customer page's or a bulk job's) fixes, when
 * the link is sent, what the login it makes signs in with: the store's
 * setting then. Nobody can sign in with such a login before the link is used
 * (its password is unknown, or there is none), so whichever route completes
 * it (`/store/credentials/activate` or core's emailpass `update`), the login
 * signs in as the activation email says. A login that existed before (a
 * storefront registration, an earlier activation) keeps what it signs in
 * with, and so does one without a customer number (a B2B reference's
 * person). Returns what each login signs in with, by customer; compensation
 * writes the previous values back.
 */
export const setActivationSignInStep = createStep(
  setActivationSignInStepId,
  async (input: SetActivationSignInStepInput, { container }) => {
    const service =
      container.resolve<CredentialsModuleService>(CREDENTIALS_MODULE)
    const rows = input.logins.length
      ? await service.listCustomerCredentials(
          { customer_id: input.logins.map((login) => login.customer_id) },
          { select: ["id", "customer_id", "customer_number", "sign_in_with"] }
        )
      : []
    const created = new Set(
      input.logins
        .filter((login) => login.created_login)
        .map((login) => login.customer_id)
    )
    const signInWith: Record<string, SignInWith> = {}
    const previous: { id: string; sign_in_with: SignInWith }[] = []
    const changes: { id: string; sign_in_with: SignInWith }[] = []
    for (const row of rows) {
      const current = (row.sign_in_with ?? "both") as SignInWith
      const wanted =
        input.sign_in_with &&
        created.has(row.customer_id) &&
        row.customer_number
          ? input.sign_in_with
          : current
      signInWith[row.customer_id] = wanted
      if (wanted !== current) {
        previous.push({ id: row.id, sign_in_with: current })
        changes.push({ id: row.id, sign_in_with: wanted })
      }
    }
    if (changes.length) {
      await service.updateCustomerCredentials(changes)
    }
    return new StepResponse(signInWith, previous)
  },
  async (previous, { container }) => {
    if (!previous?.length) {
      return
    }
    await container
      .resolve<CredentialsModuleService>(CREDENTIALS_MODULE)
      .updateCustomerCredentials(previous)
  }
)
