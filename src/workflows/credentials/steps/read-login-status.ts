import type { MedusaContainer } from "@medusajs/framework/types"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { findEmailpassLogin } from "../../shared/utils/customer-login"
import { findEmailVerification } from "../../shared/utils/email-verification"

export type LoginStatus = {
  /** The customer has a password login of their own. */
  is_registered: boolean
  /** From core's verification record; null when there is no login to verify. */
  email_verified: boolean | null
  /** The customer's own password login, when it has one. */
  auth_identity_id: string | null
}

export const readLoginStatusStepId = "read-login-status"

/** Whether the customer has a password login of their own, and if core verified its email. */
export const readLoginStatus = async (
  container: MedusaContainer,
  customer: { id: string; email?: string | null }
): Promise<LoginStatus> => {
  if (!customer.email) {
    return {
      is_registered: false,
      email_verified: null,
      auth_identity_id: null,
    }
  }
  const login = await findEmailpassLogin(container, customer.email)
  if (!login || login.customer_id !== customer.id) {
    return {
      is_registered: false,
      email_verified: null,
      auth_identity_id: null,
    }
  }
  const verification = await findEmailVerification(
    container,
    login.auth_identity_id,
    customer.email
  )
  return {
    is_registered: true,
    email_verified: Boolean(verification?.verified_at),
    auth_identity_id: login.auth_identity_id,
  }
}

export const readLoginStatusStep = createStep(
  readLoginStatusStepId,
  async (customer: { id: string; email?: string | null }, { container }) =>
    new StepResponse(await readLoginStatus(container, customer))
)
