import { MedusaError, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { CREDENTIALS_MODULE } from "../../../modules/credentials"
import type CredentialsModuleService from "../../../modules/credentials/service"
import type { CredentialSettingsValues } from "../../../modules/credentials/types"
import { unmetPasswordPolicy } from "../../../modules/credentials/utils/check-new-password"
import { passwordPolicyMessage } from "../../../modules/credentials/utils/password-policy"
import {
  anyCase,
  weighRegistrationLogins,
  type RegistrationLogin,
} from "../../shared/utils/registration-logins"
import { findUnfinishedAccounts } from "../utils/unfinished-registrations"
import {
  ACCOUNTS_DISABLED_MESSAGE,
  REGISTRATION_DISABLED_MESSAGE,
} from "../../../messages"

export type ValidateRegistrationStepInput = {
  settings: CredentialSettingsValues
  email: string
  /** null: the login exists already (`auth_identity_id`), its password set under the policy. */
  password: string | null
  auth_identity_id: string | null
}

export type ValidateRegistrationStepOutput = {
  /** The guest customer to turn into the registered one, or null for a new customer. */
  guest_customer_id: string | null
  /** Logins that act for nobody with an unproven password: removed before the registrant's is made. */
  orphan_logins: RegistrationLogin[]
  /**
   * A registration of this email that stopped halfway (a crash between
   * core's customer and its link to the login): its customer, and its login
   * when the registrant proved it (the same password, checked by emailpass,
   * or the stock flow's own login). The registration links them and
   * finishes; with no login, a new one is made for that customer.
   */
  resume: { customer_id: string; auth_identity_id: string | null } | null
}

export const ACCOUNT_EXISTS_MESSAGE =
  "An account with this email already exists. Sign in with your email and password, or use 'Forgot password' to choose a new password."

export const BUSINESS_ACCOUNT_MESSAGE =
  "This email belongs to a business account that its administrator manages: ask them to give you access, or register with your own email."

export const validateRegistrationStepId = "validate-registration"

/**
 * Refuses a registration before anything is written: accounts closed, a
 * password that breaks the policy, or an email (in any case) that already
 * has an account: a login of someone, a registered customer, or a business
 * account (a customer B2B references point to, which only its administrator
 * gives logins to).
 *
 * Returns the guest customer (earlier orders, no login) to turn into the
 * registered one, only when the store has the email confirmed before the
 * first sign-in: without that proof a registration would hand a guest's
 * order history to whoever typed the email, so it makes a new customer and
 * leaves the guest alone. Returns too the unproven logins that act for
 * nobody, which the registration takes over.
 */
export const validateRegistrationStep = createStep(
  validateRegistrationStepId,
  async (input: ValidateRegistrationStepInput, { container }) => {
    if (!input.settings.customer_accounts_enabled) {
      throw new MedusaError(
        MedusaError.Types.FORBIDDEN,
        ACCOUNTS_DISABLED_MESSAGE
      )
    }
    if (!input.settings.registration_enabled) {
      throw new MedusaError(
        MedusaError.Types.FORBIDDEN,
        REGISTRATION_DISABLED_MESSAGE
      )
    }
    // Composition hands "no password" over as undefined.
    const unmet =
      input.password === null || input.password === undefined
        ? []
        : await unmetPasswordPolicy(
            input.password,
            input.settings.password_policy,
            [input.email]
          )
    if (unmet.length) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        passwordPolicyMessage(unmet)
      )
    }

    const [customers, logins] = await Promise.all([
      container
        .resolve(Modules.CUSTOMER)
        .listCustomers(
          { email: anyCase(input.email.trim()) },
          { select: ["id", "email", "has_account"] }
        ),
      weighRegistrationLogins(
        container,
        input.email,
        input.auth_identity_id ?? null
      ),
    ])
    if (logins.taken.length || logins.own?.customer_id) {
      throw new MedusaError(
        MedusaError.Types.DUPLICATE_ERROR,
        ACCOUNT_EXISTS_MESSAGE
      )
    }
    const references = customers.length
      ? await container
          .resolve<CredentialsModuleService>(CREDENTIALS_MODULE)
          .listCustomerReferences(
            { customer_id: customers.map((customer) => customer.id) },
            { take: 1, select: ["id"] }
          )
      : []
    if (references.length) {
      throw new MedusaError(
        MedusaError.Types.DUPLICATE_ERROR,
        BUSINESS_ACCOUNT_MESSAGE
      )
    }
    // A registered customer that no login signs in to is what a crash
    // between core's customer and its link leaves (or an adoption of a guest
    // that stopped there): the registration finishes it rather than refuse
    // the email for good.
    const unfinished = await findUnfinishedAccounts(container, {
      customers,
      email: input.email,
      password: input.password,
      candidates: logins.own ? [logins.own] : logins.orphans,
    })
    if (unfinished.linked) {
      throw new MedusaError(
        MedusaError.Types.DUPLICATE_ERROR,
        ACCOUNT_EXISTS_MESSAGE
      )
    }
    const resume = unfinished.resume
    const guest = unfinished.unfinished_guest_id
      ? { id: unfinished.unfinished_guest_id }
      : !resume && input.settings.require_email_confirmation
        ? customers.find((customer) => !customer.has_account)
        : undefined
    return new StepResponse<ValidateRegistrationStepOutput>({
      guest_customer_id: guest?.id ?? null,
      orphan_logins: logins.orphans.filter(
        (login) => login.auth_identity_id !== resume?.auth_identity_id
      ),
      resume,
    })
  }
)
