import { MedusaError, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { generatePassword } from "../../modules/credentials/utils/generate-password"
import { EMAILPASS_PROVIDER, findEmailpassLogin } from "../utils/customer-login"

type Undo = { created?: string; linked?: string } | undefined

export const ensureReferenceLoginStepId = "ensure-reference-login"

/**
 * The login for a reference's email. An email that already has a login keeps
 * it as it is, password included: adding a reference never wipes a password.
 * A new email gets a login with a random password nobody knows; the person
 * chooses theirs through "Forgot password" (or an activation email).
 */
export const ensureReferenceLoginStep = createStep(
  ensureReferenceLoginStepId,
  async (input: { email: string; customer_id: string }, { container }) => {
    const auth = container.resolve(Modules.AUTH)
    const login = await findEmailpassLogin(container, input.email)
    if (login) {
      if (!login.customer_id) {
        await auth.updateAuthIdentities({
          id: login.auth_identity_id,
          app_metadata: { customer_id: input.customer_id },
        })
        return new StepResponse(
          { auth_identity_id: login.auth_identity_id, created_login: false },
          { linked: login.auth_identity_id } as Undo
        )
      }
      return new StepResponse(
        { auth_identity_id: login.auth_identity_id, created_login: false },
        // null: an undefined input would hand the output to the compensation.
        null as Undo | null
      )
    }

    const { authIdentity, error } = await auth.register(EMAILPASS_PROVIDER, {
      body: {
        email: input.email,
        password: generatePassword({
          min_length: 32,
          require_uppercase: true,
          require_digit: true,
          require_special: true,
        }),
      },
    } as never)
    if (!authIdentity) {
      throw new MedusaError(
        MedusaError.Types.UNEXPECTED_STATE,
        `Could not create the login: ${error}`
      )
    }
    await auth.updateAuthIdentities({
      id: authIdentity.id,
      app_metadata: { customer_id: input.customer_id },
    })
    return new StepResponse(
      { auth_identity_id: authIdentity.id, created_login: true },
      { created: authIdentity.id } as Undo
    )
  },
  async (undo, { container }) => {
    if (!undo) {
      return
    }
    const auth = container.resolve(Modules.AUTH)
    if (undo.created) {
      await auth.deleteAuthIdentities([undo.created])
    } else if (undo.linked) {
      await auth.updateAuthIdentities({ id: undo.linked, app_metadata: {} })
    }
  }
)
