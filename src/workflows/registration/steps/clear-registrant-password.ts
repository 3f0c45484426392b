import { Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { EMAILPASS_PROVIDER } from "../../shared/utils/customer-login"
import {
  clearLoginPasswords,
  restoreLoginPasswords,
} from "../../shared/utils/unproven-passwords"

export const clearRegistrantPasswordStepId = "clear-registrant-password"

/**
 * A registration that would take over an existing customer (a guest with
 * earlier orders) keeps no password: whoever typed the email chose it, and
 * the owner's click on a link would otherwise confirm it. The owner chooses
 * the password through the activation link instead. Ends the login's
 * sessions too; compensation gives both back.
 */
export const clearRegistrantPasswordStep = createStep(
  clearRegistrantPasswordStepId,
  async (input: { auth_identity_id: string }, { container }) => {
    const auth = container.resolve(Modules.AUTH)
    const [providerIdentity] = await auth.listProviderIdentities(
      {
        auth_identity_id: input.auth_identity_id,
        provider: EMAILPASS_PROVIDER,
      },
      { select: ["id"] }
    )
    if (!providerIdentity) {
      return new StepResponse(void 0, null)
    }
    const cleared = await clearLoginPasswords(container, [
      {
        auth_identity_id: input.auth_identity_id,
        provider_identity_id: providerIdentity.id,
      },
    ])
    return new StepResponse(void 0, cleared)
  },
  async (cleared, { container }) => {
    if (!cleared) {
      return
    }
    await restoreLoginPasswords(container, cleared)
  }
)
