import { MedusaError, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { CREDENTIALS_MODULE } from "../../../modules/credentials"
import type CredentialsModuleService from "../../../modules/credentials/service"
import { acceptsIdentifier } from "../../../modules/credentials/sign-in-identifiers"
import {
  EMAIL_SIGN_IN_ALREADY_ON_MESSAGE,
  EMAIL_SIGN_IN_OWN_ACCOUNT_MESSAGE,
  emailSignInTakenMessage,
} from "../../../messages"
import { findEmailpassLogin } from "../../shared/utils/customer-login"

export type ValidateEmailSignInStepInput = {
  /** The signed-in login and its email. */
  auth_identity_id: string
  email: string
  /** The account the person is signed in for. */
  customer_id: string
}

export const validateEmailSignInStepId = "validate-email-sign-in"

/**
 * "Sign in with my email too", checked before anything is written: the
 * login must not take its email already (400), and the email must not sign
 * in to another login (409, naming what to do), or one address would open
 * two accounts. Returns the credential row's id, to write the change to.
 */
export const validateEmailSignInStep = createStep(
  validateEmailSignInStepId,
  async (input: ValidateEmailSignInStepInput, { container }) => {
    // Only a customer's own login signs in with that customer's number: the
    // login must be the account's (its identity's customer, the same email),
    // read from the auth module, not from the token. A B2B person signed in
    // for a company, whose state that company's row may keep, is refused.
    const identity = await container
      .resolve(Modules.AUTH)
      .retrieveAuthIdentity(input.auth_identity_id, {
        select: ["id", "app_metadata"],
      })
    const ownerId = identity.app_metadata?.customer_id as string | undefined
    const [owner] =
      ownerId === input.customer_id
        ? await container
            .resolve(Modules.CUSTOMER)
            .listCustomers({ id: ownerId }, { select: ["id", "email"] })
        : []
    if (owner?.email?.toLowerCase() !== input.email.toLowerCase()) {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        EMAIL_SIGN_IN_OWN_ACCOUNT_MESSAGE
      )
    }
    const service =
      container.resolve<CredentialsModuleService>(CREDENTIALS_MODULE)
    const [credential] = await service.listCustomerCredentials(
      { customer_id: input.customer_id },
      { take: 1, select: ["id", "sign_in_with"] }
    )
    // No row: the defaults, which take the email.
    if (!credential || acceptsIdentifier(credential.sign_in_with, "email")) {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        EMAIL_SIGN_IN_ALREADY_ON_MESSAGE
      )
    }
    const holder = await findEmailpassLogin(container, input.email)
    if (holder && holder.auth_identity_id !== input.auth_identity_id) {
      throw new MedusaError(
        MedusaError.Types.DUPLICATE_ERROR,
        emailSignInTakenMessage(input.email)
      )
    }
    return new StepResponse({ credential_id: credential.id })
  }
)
