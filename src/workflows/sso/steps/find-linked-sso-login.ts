import { MedusaError, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { EMAILPASS_PROVIDER } from "../../shared/utils/customer-login"

export const findLinkedSsoLoginStepId = "find-linked-sso-login"

/** The identity signs in as the customer with a provider other than emailpass. */
export const findLinkedSsoLoginStep = createStep(
  findLinkedSsoLoginStepId,
  async (
    input: { customer_id: string; auth_identity_id: string },
    { container }
  ) => {
    const [identity] = await container
      .resolve(Modules.AUTH)
      .listAuthIdentities(
        { id: [input.auth_identity_id] },
        { relations: ["provider_identities"], take: 1 }
      )
    const provider = identity?.provider_identities?.find(
      (candidate) => candidate.provider !== EMAILPASS_PROVIDER
    )
    if (
      identity?.app_metadata?.customer_id !== input.customer_id ||
      !provider
    ) {
      throw new MedusaError(
        MedusaError.Types.NOT_FOUND,
        "This customer has no such single sign-on login."
      )
    }
    return new StepResponse({ provider: provider.provider })
  }
)
