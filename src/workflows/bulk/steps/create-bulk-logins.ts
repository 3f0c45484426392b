import { Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { BulkCustomer } from "../utils/bulk-onboarding"
import { EMAILPASS_PROVIDER } from "../../shared/utils/customer-login"
import {
  hasAccount,
  undoBulkLogins,
  type BulkLoginsUndo,
} from "../../shared/utils/undo-bulk-logins"
import {
  actsForNobody,
  clearLoginPasswords,
  restoreLoginPasswords,
  type ClearedLoginPasswords,
} from "../../shared/utils/unproven-passwords"
import { assertLocksHeld } from "../../shared/utils/assert-locks-held"
import { passwordLockKey } from "../../shared/utils/password-lock-key"

export type BulkLogin = {
  customer_id: string
  auth_identity_id: string
  created_login: boolean
}

type Undo = BulkLoginsUndo & { cleared_passwords?: ClearedLoginPasswords }

export const createBulkLoginsStepId = "create-bulk-logins"

/**
 * "Send activation email" in bulk: every customer without a password login
 * gets one, created in one call, with no password at all: emailpass refuses
 * any sign-in to it (it has no hash to compare), and the activation link
 * (a core reset token) is how the customer sets the first password. That
 * spares one scrypt derivation per customer. Logins not yet linked to a
 * customer are linked; those that acted for nobody lose the password someone
 * typed at registration, and their sessions end (`unproven-passwords.ts`):
 * the activation link sets the password. `has_account` is set in one update.
 *
 * Compensation deletes the logins it created, unlinks what it linked and
 * puts the removed passwords back.
 */
export const createBulkLoginsStep = createStep(
  createBulkLoginsStepId,
  async (input: { customers: BulkCustomer[] }, { container }) => {
    await assertLocksHeld(
      container,
      input.customers.map((entry) => passwordLockKey(entry.customer.email)),
      "Creating customers' logins"
    )
    const auth = container.resolve(Modules.AUTH)
    const customers = container.resolve(Modules.CUSTOMER)
    const undo: Undo = {
      created_auth_identity_ids: [],
      linked: [],
      has_account_customer_ids: [],
    }
    const logins: BulkLogin[] = []

    const missing = input.customers.filter((entry) => !entry.login)
    if (missing.length) {
      const created = await auth.createAuthIdentities(
        missing.map(({ customer }) => ({
          app_metadata: { customer_id: customer.id },
          provider_identities: [
            {
              provider: EMAILPASS_PROVIDER,
              entity_id: customer.email,
              provider_metadata: {},
            },
          ],
        }))
      )
      created.forEach((identity, index) => {
        undo.created_auth_identity_ids.push(identity.id)
        logins.push({
          customer_id: missing[index].customer.id,
          auth_identity_id: identity.id,
          created_login: true,
        })
      })
    }

    const unlinked = input.customers.filter((entry) => entry.login?.unlinked)
    if (unlinked.length) {
      await auth.updateAuthIdentities(
        unlinked.map(({ customer, login }) => ({
          id: login!.auth_identity_id,
          app_metadata: { ...login!.app_metadata, customer_id: customer.id },
        }))
      )
      undo.linked = unlinked.map(({ login }) => ({
        id: login!.auth_identity_id,
        app_metadata: login!.app_metadata,
      }))
      // After the link above: ending the sessions is the last write.
      undo.cleared_passwords = await clearLoginPasswords(
        container,
        unlinked
          .filter(({ login }) => actsForNobody(login!.app_metadata))
          .map(({ login }) => login!)
      )
    }
    for (const { customer, login } of input.customers) {
      if (login) {
        logins.push({
          customer_id: customer.id,
          auth_identity_id: login.auth_identity_id,
          created_login: false,
        })
      }
    }

    const withoutAccount = input.customers
      .filter(({ customer }) => !customer.has_account)
      .map(({ customer }) => customer.id)
    if (withoutAccount.length) {
      await customers.updateCustomers({ id: withoutAccount }, hasAccount(true))
      undo.has_account_customer_ids = withoutAccount
    }

    return new StepResponse(logins, undo)
  },
  async (undo, { container }) => {
    if (!undo) {
      return
    }
    await undoBulkLogins(container, undo)
    if (undo.cleared_passwords) {
      await restoreLoginPasswords(container, undo.cleared_passwords)
    }
  }
)
