import { MedusaError, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import {
  findEmailpassLoginsAnyCase,
  findOwnEmailLogin,
} from "../utils/customer-logins"

export const LOGIN_EMAIL_TAKEN_MESSAGE =
  "This email already signs in to another login (another customer's or a business account's). The customer's email was not changed: use another email, or manage that login from its customer's page first."

export const LOGIN_EMAIL_REMOVED_MESSAGE =
  "This customer signs in with their email: give them another email address instead of removing it. The customer's email was not changed."

export type ValidateLoginEmailChangeStepInput = {
  customer_id: string
  /** The email the update asks for (`undefined`: not changed). */
  email?: string | null
}

/** The login to move, or null when core's update moves nothing. */
export type LoginEmailMove = {
  auth_identity_id: string
  provider_identity_id: string
  from: string
  to: string
} | null

export const validateLoginEmailChangeStepId = "validate-login-email-change"

/**
 * Before core's customer update writes anything: when the email changes and
 * the customer has their own password login, the login must be able to
 * follow it. Refuses removing the email (400) and an email that another
 * login already uses, in any case (409). Answers the login to move, or null
 * (no email in the update, no login, or the login already has that exact
 * email): then the update is core's alone.
 */
export const validateLoginEmailChangeStep = createStep(
  validateLoginEmailChangeStepId,
  async (input: ValidateLoginEmailChangeStepInput, { container }) => {
    if (input.email === undefined) {
      return new StepResponse(null as LoginEmailMove)
    }
    const customer = await container
      .resolve(Modules.CUSTOMER)
      .retrieveCustomer(input.customer_id, { select: ["id", "email"] })
    const login = await findOwnEmailLogin(container, customer)
    if (!login || login.email === input.email) {
      return new StepResponse(null as LoginEmailMove)
    }
    if (!input.email) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        LOGIN_EMAIL_REMOVED_MESSAGE
      )
    }
    const others = (
      await findEmailpassLoginsAnyCase(container, input.email)
    ).filter(
      (other) => other.provider_identity_id !== login.provider_identity_id
    )
    if (others.length) {
      throw new MedusaError(
        MedusaError.Types.DUPLICATE_ERROR,
        LOGIN_EMAIL_TAKEN_MESSAGE
      )
    }
    return new StepResponse({
      auth_identity_id: login.auth_identity_id,
      provider_identity_id: login.provider_identity_id,
      from: login.email,
      to: input.email,
    } as LoginEmailMove)
  }
)
