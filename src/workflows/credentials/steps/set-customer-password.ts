import type { CustomerUpdatableFields } from "@medusajs/framework/types"
import { MedusaError, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { assertLocksHeld } from "../../shared/utils/assert-locks-held"
import {
  EMAILPASS_PROVIDER,
  findOwnEmailpassLogin,
} from "../../shared/utils/customer-login"
import { passwordLockKey } from "../../shared/utils/password-lock-key"
import {
  endLoginSessions,
  restoreLoginSessions,
  type EndedLoginSessions,
} from "../../shared/utils/login-sessions"
import {
  actsForNobody,
  clearLoginPasswords,
  markStoreSetPasswords,
  restorableProviderMetadata,
  restoreLoginPasswords,
  unlinkedAppMetadata,
  type ClearedLoginPasswords,
} from "../../shared/utils/unproven-passwords"
import { markUnknownPasswords } from "../../shared/utils/unknown-passwords"

export type SetCustomerPasswordStepInput = {
  customer: { id: string; email: string; has_account: boolean }
  password: string
  /**
   * Only create a login when there is none; leave the password of the
   * customer's own login as it is (backoffice activation gives a new login a
   * password nobody knows). A login that acted for nobody loses its password
   * instead: nobody here set it (`unproven-passwords.ts`).
   */
  keep_existing_password?: boolean
}

// `has_account` is a customer column that Medusa's update type leaves out;
// the customer module's update writes it like any other column.
const hasAccount = (value: boolean) =>
  ({ has_account: value }) as unknown as CustomerUpdatableFields

type Undo = {
  customer_id: string
  created_auth_identity_id?: string
  provider_identity_id?: string
  previous_provider_metadata?: Record<string, unknown> | null
  linked_auth_identity_id?: string
  previous_app_metadata?: Record<string, unknown> | null
  set_has_account?: boolean
  ended_sessions?: EndedLoginSessions
  cleared_password?: ClearedLoginPasswords
}

export const setCustomerPasswordStepId = "set-customer-password"

/**
 * Sets the customer's password through Medusa's auth module (emailpass, so
 * the stock `/auth/customer/emailpass` sign-in works with it). Creates the
 * login and links it to the customer when there is none.
 *
 * Compensation puts the previous hash back, or removes the login it created,
 * so a later failure (the email, say) never leaves a half-changed password.
 */
export const setCustomerPasswordStep = createStep(
  setCustomerPasswordStepId,
  async (input: SetCustomerPasswordStepInput, { container }) => {
    const auth = container.resolve(Modules.AUTH)
    const customers = container.resolve(Modules.CUSTOMER)
    const { customer, password } = input
    await assertLocksHeld(
      container,
      [passwordLockKey(customer.email)],
      "Setting a customer's password"
    )
    const undo: Undo = { customer_id: customer.id }

    const login = await findOwnEmailpassLogin(container, customer)
    let authIdentityId: string

    if (login) {
      const [providerIdentity] = await auth.listProviderIdentities(
        { id: [login.provider_identity_id] },
        { select: ["id", "provider_metadata"] }
      )
      undo.provider_identity_id = providerIdentity.id
      undo.previous_provider_metadata =
        providerIdentity.provider_metadata ?? null

      if (!input.keep_existing_password) {
        const { success, error } = await auth.updateProvider(
          EMAILPASS_PROVIDER,
          { entity_id: customer.email, password }
        )
        if (!success) {
          throw new MedusaError(
            MedusaError.Types.UNEXPECTED_STATE,
            `Could not set the password: ${error}`
          )
        }
        // A new password ends every session the old one opened.
        undo.ended_sessions = await endLoginSessions(container, [
          login.auth_identity_id,
        ])
      }
      authIdentityId = login.auth_identity_id

      if (!login.customer_id) {
        const identity = await auth.retrieveAuthIdentity(authIdentityId, {
          select: ["id", "app_metadata"],
        })
        undo.linked_auth_identity_id = authIdentityId
        undo.previous_app_metadata = identity.app_metadata ?? null
        await auth.updateAuthIdentities({
          id: authIdentityId,
          app_metadata: { ...identity.app_metadata, customer_id: customer.id },
        })
        // A login that acted for nobody: its password is whatever the person
        // who registered the email typed. It goes, with the sessions it
        // opened; the owner of the email sets one with the emailed link.
        if (
          input.keep_existing_password &&
          actsForNobody(identity.app_metadata)
        ) {
          undo.cleared_password = await clearLoginPasswords(container, [login])
        }
      }
    } else {
      const { authIdentity, error } = await auth.register(EMAILPASS_PROVIDER, {
        body: { email: customer.email, password },
      } as never)
      if (!authIdentity) {
        throw new MedusaError(
          MedusaError.Types.UNEXPECTED_STATE,
          `Could not create the login: ${error}`
        )
      }
      authIdentityId = authIdentity.id
      undo.created_auth_identity_id = authIdentity.id
      await auth.updateAuthIdentities({
        id: authIdentity.id,
        app_metadata: { customer_id: customer.id },
      })
    }

    if (!login || !input.keep_existing_password) {
      // The store chose this password (or the person, with its link).
      await markStoreSetPasswords(auth, [authIdentityId])
    }
    if (!login && input.keep_existing_password) {
      // A random password nobody knows: the admin sees "No password yet".
      await markUnknownPasswords(auth, [authIdentityId])
    }

    if (!customer.has_account) {
      await customers.updateCustomers(customer.id, hasAccount(true))
      undo.set_has_account = true
    }

    return new StepResponse(
      { auth_identity_id: authIdentityId, created_login: !login },
      undo
    )
  },
  async (undo, { container }) => {
    if (!undo) {
      return
    }
    const auth = container.resolve(Modules.AUTH)
    if (undo.set_has_account) {
      await container
        .resolve(Modules.CUSTOMER)
        .updateCustomers(undo.customer_id, hasAccount(false))
    }
    if (undo.created_auth_identity_id) {
      await auth.deleteAuthIdentities([undo.created_auth_identity_id])
      return
    }
    if (undo.linked_auth_identity_id) {
      await auth.updateAuthIdentities({
        id: undo.linked_auth_identity_id,
        app_metadata: unlinkedAppMetadata(undo.previous_app_metadata),
      })
    }
    if (undo.cleared_password) {
      await restoreLoginPasswords(container, undo.cleared_password)
    }
    // After the app_metadata above, which was read once the sessions ended.
    if (undo.ended_sessions) {
      await restoreLoginSessions(container, undo.ended_sessions)
    }
    if (undo.provider_identity_id) {
      await auth.updateProviderIdentities({
        id: undo.provider_identity_id,
        provider_metadata: restorableProviderMetadata(
          undo.previous_provider_metadata
        ),
      })
    }
  }
)
