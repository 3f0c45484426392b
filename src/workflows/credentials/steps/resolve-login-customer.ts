import {
  ContainerRegistrationKeys,
  MedusaError,
} from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { LINK_USED_OR_INVALID } from "../../shared/steps/consume-activation-token"
import { findEmailpassLogin } from "../../shared/utils/customer-login"
import type { CustomerForLogin } from "../../shared/steps/validate-customer-email"

export const resolveLoginCustomerStepId = "resolve-login-customer"

/** The customer a login's email signs in as (for links that name an email). */
export const resolveLoginCustomerStep = createStep(
  resolveLoginCustomerStepId,
  async (email: string, { container }) => {
    const login = await findEmailpassLogin(container, email)
    if (!login?.customer_id) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        LINK_USED_OR_INVALID
      )
    }
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const { data } = await query.graph({
      entity: "customer",
      fields: ["id", "email", "has_account", "first_name", "last_name"],
      filters: { id: login.customer_id },
    })
    if (!data[0]) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        LINK_USED_OR_INVALID
      )
    }
    return new StepResponse<CustomerForLogin & { auth_identity_id: string }>({
      auth_identity_id: login.auth_identity_id,
      id: data[0].id,
      email,
      has_account: Boolean(data[0].has_account),
      first_name: data[0].first_name ?? null,
      last_name: data[0].last_name ?? null,
    })
  }
)
