import { MedusaError, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import {
  anyCase,
  weighRegistrationLogins,
} from "../../shared/utils/registration-logins"

/** What "Create customer with login" does about the login. */
export type NewCustomerLoginMode =
  "generate" | "password" | "activation" | "none"

export const REGISTERED_CUSTOMER_EXISTS_MESSAGE =
  "A customer with this email already has a login. Open that customer's page to manage their login (Generate and send credentials, Reset password, Send activation email) instead of creating another customer."

export const GUEST_CUSTOMER_EXISTS_MESSAGE =
  "A guest customer with this email already exists (earlier orders or an import). Open that customer's page and use Create login or Send activation email there, so their orders stay on one record."

export const EMAIL_LOGIN_TAKEN_MESSAGE =
  "This email already signs in as someone else's login (another customer's or a business account's). Use another email, or manage that login from its customer's page."

export type ValidateAdminNewCustomerStepInput = {
  email: string
  mode: NewCustomerLoginMode
}

export const validateAdminNewCustomerStepId = "validate-admin-new-customer"

/**
 * "Create customer with login" refuses, before anything is written, an
 * email (in any case) that already names a customer: one with a login
 * (its page manages that login) or a guest (its page's Create login keeps
 * its orders on one record; a second customer with the email would split
 * them). A login mode refuses too an email that someone's login uses.
 */
export const validateAdminNewCustomerStep = createStep(
  validateAdminNewCustomerStepId,
  async (input: ValidateAdminNewCustomerStepInput, { container }) => {
    const customers = await container
      .resolve(Modules.CUSTOMER)
      .listCustomers(
        { email: anyCase(input.email) },
        { select: ["id", "has_account"] }
      )
    if (customers.some((customer) => customer.has_account)) {
      throw new MedusaError(
        MedusaError.Types.DUPLICATE_ERROR,
        REGISTERED_CUSTOMER_EXISTS_MESSAGE
      )
    }
    if (customers.length) {
      throw new MedusaError(
        MedusaError.Types.DUPLICATE_ERROR,
        GUEST_CUSTOMER_EXISTS_MESSAGE
      )
    }
    if (input.mode !== "none") {
      const logins = await weighRegistrationLogins(container, input.email, null)
      if (logins.taken.length) {
        throw new MedusaError(
          MedusaError.Types.DUPLICATE_ERROR,
          EMAIL_LOGIN_TAKEN_MESSAGE
        )
      }
    }
    return new StepResponse(void 0)
  }
)
