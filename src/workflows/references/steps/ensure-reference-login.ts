import { MedusaError, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { generatePassword } from "../../../modules/credentials/utils/generate-password"
import {
  EMAILPASS_PROVIDER,
  findEmailpassLogin,
} from "../../shared/utils/customer-login"
import {
  actsForNobody,
  clearLoginPasswords,
  hasProvenPassword,
  markStoreSetPasswords,
  restoreLoginPasswords,
  unlinkedAppMetadata,
  type ClearedLoginPasswords,
} from "../../shared/utils/unproven-passwords"
import {
  knowsPassword,
  markUnknownPasswords,
} from "../../shared/utils/unknown-passwords"

export type ReferenceLogin = {
  auth_identity_id: string
  created_login: boolean
  /**
   * The person can sign in with a password they know. False for a new login
   * (a random password nobody knows) and for a login whose unproven password
   * was removed: they choose one with "Forgot password".
   */
  has_password: boolean
  /** The login had a password nobody had proven, and it was removed. */
  password_removed: boolean
}

type Undo =
  | { created: string }
  | {
      linked?: {
        id: string
        previous_app_metadata: Record<string, unknown> | null
      }
      cleared?: ClearedLoginPasswords
    }

export const ensureReferenceLoginStepId = "ensure-reference-login"

/**
 * The login for a reference's email.
 *
 * - A login of a customer of this store whose password is proven (the store
 *   set it, or the person confirmed the email) keeps it: adding a reference
 *   never wipes a proven password.
 * - Any other login keeps its place but not its password: someone may have
 *   registered the email with Medusa's own routes, and the reference would
 *   hand them the account (`unproven-passwords.ts`). The password goes, the
 *   login's sessions end, and the owner of the email chooses a password with
 *   "Forgot password". A login that acted for nobody is linked to the
 *   customer as a new one would be.
 * - A new email gets a login with a random password nobody knows.
 *
 * Compensation deletes the login it created, or unlinks and gives the
 * password back.
 */
export const ensureReferenceLoginStep = createStep(
  ensureReferenceLoginStepId,
  async (input: { email: string; customer_id: string }, { container }) => {
    const auth = container.resolve(Modules.AUTH)
    const login = await findEmailpassLogin(container, input.email)
    if (login) {
      const undo: Exclude<Undo, { created: string }> = {}
      const identity = await auth.retrieveAuthIdentity(login.auth_identity_id, {
        select: ["id", "app_metadata"],
      })
      let unproven: boolean
      if (!login.customer_id) {
        undo.linked = {
          id: login.auth_identity_id,
          previous_app_metadata: identity.app_metadata ?? null,
        }
        await auth.updateAuthIdentities({
          id: login.auth_identity_id,
          app_metadata: {
            ...identity.app_metadata,
            customer_id: input.customer_id,
          },
        })
        unproven = actsForNobody(identity.app_metadata)
      } else {
        // The customer's own login gains nothing it did not have.
        unproven =
          login.customer_id !== input.customer_id &&
          !(await hasProvenPassword(container, login))
      }
      if (unproven) {
        undo.cleared = await clearLoginPasswords(container, [login])
      }
      const [providerIdentity] = await auth.listProviderIdentities(
        { id: [login.provider_identity_id] },
        { select: ["id", "provider_metadata"] }
      )
      return new StepResponse<ReferenceLogin, Undo | null>(
        {
          auth_identity_id: login.auth_identity_id,
          created_login: false,
          has_password: knowsPassword(providerIdentity?.provider_metadata),
          password_removed:
            unproven && !!undo.cleared?.provider_identities.length,
        },
        // null: an undefined input would hand the output to the compensation.
        undo.linked || undo.cleared ? undo : null
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
    await markStoreSetPasswords(auth, [authIdentity.id])
    await markUnknownPasswords(auth, [authIdentity.id])
    return new StepResponse<ReferenceLogin, Undo | null>(
      {
        auth_identity_id: authIdentity.id,
        created_login: true,
        has_password: false,
        password_removed: false,
      },
      { created: authIdentity.id }
    )
  },
  async (undo, { container }) => {
    if (!undo) {
      return
    }
    const auth = container.resolve(Modules.AUTH)
    if ("created" in undo) {
      await auth.deleteAuthIdentities([undo.created])
      return
    }
    if (undo.linked) {
      await auth.updateAuthIdentities({
        id: undo.linked.id,
        app_metadata: unlinkedAppMetadata(undo.linked.previous_app_metadata),
      })
    }
    if (undo.cleared) {
      await restoreLoginPasswords(container, undo.cleared)
    }
  }
)
