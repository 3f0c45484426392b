import { MedusaError, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { CREDENTIALS_MODULE } from "../../../modules/credentials"
import type CredentialsModuleService from "../../../modules/credentials/service"
import type { CredentialSettingsValues } from "../../../modules/credentials/types"
import { findEmailpassLogin } from "../../shared/utils/customer-login"
import {
  hasProvenPassword,
  type LoginToClear,
} from "../../shared/utils/unproven-passwords"
import type { SsoIdentity } from "./resolve-sso-identity"
import {
  ACCOUNTS_DISABLED_MESSAGE,
  REGISTRATION_DISABLED_MESSAGE,
  LOGIN_DISABLED_MESSAGE,
} from "../../../messages"

export type ValidateSsoSignInStepInput = {
  settings: CredentialSettingsValues
  identity: SsoIdentity
}

/**
 * - `signed_in`: the identity was linked before; it signs in as that customer.
 * - `link`: an existing customer has the verified email: link to them.
 * - `create`: nobody has the email: a new customer.
 */
export type SsoSignInPlan = {
  mode: "signed_in" | "link" | "create"
  customer_id: string | null
  /** The customer to link has no account yet (a guest from earlier orders). */
  from_guest: boolean
  /**
   * The password login of the customer to link, when nobody proved its
   * password (the store did not set it and its email was never confirmed):
   * its password goes before the link (`unproven-passwords.ts`).
   */
  unproven_login: LoginToClear | null
}

/** The domain of an email: what follows its last "@", lower-case. */
export const emailDomain = (email: string): string =>
  email.slice(email.lastIndexOf("@") + 1).toLowerCase()

/** No allowed domains: any; otherwise the email's domain is one of them. */
export const isAllowedEmailDomain = (
  email: string,
  allowed: string[]
): boolean =>
  !allowed.length ||
  (email.includes("@") &&
    allowed.some((domain) => domain.toLowerCase() === emailDomain(email)))

/** Codes a storefront can act on; the message says what to do. */
export type SsoRefusalCode =
  | "sso_disabled"
  | "email_missing"
  | "email_domain_not_allowed"
  | "email_not_verified"
  | "accounts_disabled"
  | "registration_disabled"
  | "login_disabled"

export const refuseSso = (
  type: string,
  code: SsoRefusalCode,
  message: string
) => new MedusaError(type, message, code)

const assertLoginEnabled = async (
  credentials: CredentialsModuleService,
  customerId: string
) => {
  const [credential] = await credentials.listCustomerCredentials(
    { customer_id: customerId },
    { take: 1, select: ["login_enabled"] }
  )
  if (credential && !credential.login_enabled) {
    throw refuseSso(
      MedusaError.Types.UNAUTHORIZED,
      "login_disabled",
      LOGIN_DISABLED_MESSAGE
    )
  }
}

export const validateSsoSignInStepId = "validate-sso-sign-in"

/**
 * Decides, before anything is written, whom the identity provider's person
 * signs in as. An email the identity provider has not verified never links
 * to an existing customer: anyone could type someone else's address into an
 * identity provider that does not check it.
 */
export const validateSsoSignInStep = createStep(
  validateSsoSignInStepId,
  async (input: ValidateSsoSignInStepInput, { container }) => {
    const { settings, identity } = input
    const credentials =
      container.resolve<CredentialsModuleService>(CREDENTIALS_MODULE)

    if (!settings.sso_enabled) {
      throw refuseSso(
        MedusaError.Types.FORBIDDEN,
        "sso_disabled",
        "Single sign-on is turned off for this store."
      )
    }
    // No accounts: nobody signs in, linked or not.
    if (!settings.customer_accounts_enabled) {
      throw refuseSso(
        MedusaError.Types.FORBIDDEN,
        "accounts_disabled",
        ACCOUNTS_DISABLED_MESSAGE
      )
    }
    if (identity.customer_id) {
      await assertLoginEnabled(credentials, identity.customer_id)
      return new StepResponse<SsoSignInPlan>({
        mode: "signed_in",
        customer_id: identity.customer_id,
        from_guest: false,
        unproven_login: null,
      })
    }

    const email = identity.email
    if (!email) {
      throw refuseSso(
        MedusaError.Types.INVALID_DATA,
        "email_missing",
        "Your identity provider did not share your email address, which this store needs for your account. Ask your administrator to release the email claim."
      )
    }
    if (!isAllowedEmailDomain(email, settings.sso_allowed_email_domains)) {
      throw refuseSso(
        MedusaError.Types.FORBIDDEN,
        "email_domain_not_allowed",
        `Accounts with ${emailDomain(email)} addresses cannot sign in to this store with single sign-on.`
      )
    }

    const login = await findEmailpassLogin(container, email)
    const customers = await container
      .resolve(Modules.CUSTOMER)
      .listCustomers({ email }, { select: ["id", "has_account"] })
    const existing =
      customers.find((customer) => customer.id === login?.customer_id) ??
      customers.find((customer) => customer.has_account) ??
      customers[0]

    if (existing || login) {
      if (!identity.email_verified) {
        throw refuseSso(
          MedusaError.Types.CONFLICT,
          "email_not_verified",
          `An account with ${email} already exists, and your identity provider has not verified that this address is yours, so single sign-on cannot open that account. Verify the address with your identity provider, then sign in again.`
        )
      }
    }
    if (existing) {
      await assertLoginEnabled(credentials, existing.id)
      // The identity provider proved the email; whoever chose the password
      // of the customer's login may not have (a registration never
      // confirmed). Linking must not make that password the account's (this
      // run marks the email confirmed): an unproven one goes first.
      const unproven =
        login?.customer_id === existing.id &&
        !(await hasProvenPassword(container, login))
      return new StepResponse<SsoSignInPlan>({
        mode: "link",
        customer_id: existing.id,
        from_guest: !existing.has_account,
        unproven_login: unproven
          ? {
              auth_identity_id: login.auth_identity_id,
              provider_identity_id: login.provider_identity_id,
            }
          : null,
      })
    }

    if (!identity.email_verified && settings.require_email_confirmation) {
      throw refuseSso(
        MedusaError.Types.FORBIDDEN,
        "email_not_verified",
        `Your identity provider has not verified your email address (${email}). Verify it there, then sign in again.`
      )
    }
    // A new customer is a registration.
    if (!settings.registration_enabled) {
      throw refuseSso(
        MedusaError.Types.FORBIDDEN,
        "registration_disabled",
        REGISTRATION_DISABLED_MESSAGE
      )
    }
    return new StepResponse<SsoSignInPlan>({
      mode: "create",
      customer_id: null,
      from_guest: false,
      unproven_login: null,
    })
  }
)
