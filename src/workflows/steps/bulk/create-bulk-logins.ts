import { Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { BulkCustomer } from "../../utils/bulk-onboarding"
import { EMAILPASS_PROVIDER } from "../../utils/customer-login"
import {
  hasAccount,
  undoBulkLogins,
  type BulkLoginsUndo,
} from "../../utils/undo-bulk-logins"

export type BulkLogin = {
  customer_id: string
  auth_identity_id: string
  created_login: boolean
}

type Undo = BulkLoginsUndo

export const createBulkLoginsStepId = "create-bulk-logins"

/**
 * "Send activation email" in bulk: every customer without a password login
 * gets one, created in one call, with no password at all: emailpass refuses
 * any sign-in to it (it has no hash to compare), and the activation link
 * (a core reset token) is how the customer sets the first password. That
 * spares one scrypt derivation per customer. Logins not yet linked to a
 * customer are linked; `has_account` is set in one update.
 *
 * Compensation deletes the logins it created and unlinks what it linked.
 */
export const createBulkLoginsStep = createStep(
  createBulkLoginsStepId,
  async (input: { customers: BulkCustomer[] }, { container }) => {
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
    if (undo) {
      await undoBulkLogins(container, undo)
    }
  }
)
