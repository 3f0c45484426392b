import { MedusaError, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { CredentialSettingsValues } from "../../modules/credentials/types"
import {
  passwordPolicyMessage,
  unmetPasswordRules,
} from "../../modules/credentials/utils/password-policy"
import { findEmailpassLogin } from "../utils/customer-login"

export type ValidateRegistrationStepInput = {
  settings: CredentialSettingsValues
  email: string
  /** null: the login exists already (`auth_identity_id`), its password set under the policy. */
  password: string | null
  auth_identity_id: string | null
}

export const ACCOUNT_EXISTS_MESSAGE =
  "An account with this email already exists. Sign in with your email and password, or use 'Forgot password' to choose a new password."

export const validateRegistrationStepId = "validate-registration"

/**
 * Refuses a registration before anything is written: accounts closed, a
 * password that breaks the policy, or an email that already has an account.
 * Returns the guest customer (earlier orders, no login) to turn into the
 * registered one, if there is one.
 */
export const validateRegistrationStep = createStep(
  validateRegistrationStepId,
  async (input: ValidateRegistrationStepInput, { container }) => {
    if (!input.settings.customer_accounts_enabled) {
      throw new MedusaError(
        MedusaError.Types.FORBIDDEN,
        "This store does not offer customer accounts: you can check out as a guest."
      )
    }
    // Composition hands "no password" over as undefined.
    const unmet =
      input.password === null || input.password === undefined
        ? []
        : unmetPasswordRules(input.password, input.settings.password_policy)
    if (unmet.length) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        passwordPolicyMessage(unmet)
      )
    }

    const customers = await container
      .resolve(Modules.CUSTOMER)
      .listCustomers({ email: input.email }, { select: ["id", "has_account"] })
    const login = await findEmailpassLogin(container, input.email)
    const otherLogin =
      login &&
      (login.auth_identity_id !== (input.auth_identity_id ?? null) ||
        login.customer_id)
    if (otherLogin || customers.some((customer) => customer.has_account)) {
      throw new MedusaError(
        MedusaError.Types.DUPLICATE_ERROR,
        ACCOUNT_EXISTS_MESSAGE
      )
    }

    const guest = customers.find((customer) => !customer.has_account)
    return new StepResponse({ guest_customer_id: guest?.id ?? null })
  }
)
