import { MedusaError, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { EMAILPASS_PROVIDER } from "../../shared/utils/customer-login"
import { ACCOUNT_EXISTS_MESSAGE } from "./validate-registration"

export const createEmailpassLoginStepId = "create-emailpass-login"

/**
 * Creates the login (Medusa auth identity, emailpass provider: the password
 * is hashed with scrypt by core). Compensation deletes it.
 */
export const createEmailpassLoginStep = createStep(
  createEmailpassLoginStepId,
  async (input: { email: string; password: string }, { container }) => {
    const auth = container.resolve(Modules.AUTH)
    const { authIdentity, success } = await auth
      .register(EMAILPASS_PROVIDER, {
        body: { email: input.email, password: input.password },
      } as never)
      .catch(() => ({ authIdentity: undefined, success: false }))
    // emailpass hands back an existing identity without an actor when the
    // password matches: that is someone else's registration in flight.
    if (
      !success ||
      !authIdentity ||
      Object.keys(authIdentity.app_metadata ?? {}).length
    ) {
      throw new MedusaError(
        MedusaError.Types.DUPLICATE_ERROR,
        ACCOUNT_EXISTS_MESSAGE
      )
    }
    return new StepResponse(
      { auth_identity_id: authIdentity.id },
      authIdentity.id
    )
  },
  async (authIdentityId, { container }) => {
    if (!authIdentityId) {
      return
    }
    await container.resolve(Modules.AUTH).deleteAuthIdentities([authIdentityId])
  }
)
