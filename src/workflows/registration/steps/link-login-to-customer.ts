import { MedusaError, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { hasAccount } from "../../shared/utils/undo-bulk-logins"
import { unlinkedAppMetadata } from "../../shared/utils/unproven-passwords"

export const linkLoginToCustomerStepId = "link-login-to-customer"

type Undo = {
  auth_identity_id: string
  previous_app_metadata: Record<string, unknown> | null
  /** The customer whose `has_account` this turned on, or null. */
  set_has_account_customer_id: string | null
}

/**
 * A registration's login becomes an existing customer's (a guest's, or an
 * unfinished registration's): `app_metadata.customer_id`, and the customer's
 * `has_account` when asked. Core's `setAuthAppMetadataStep` and
 * `updateCustomersStep` do not undo these (the first deletes the key from a
 * JSON the auth module merges, so the link stays; the second writes back the
 * email and names it never read, and leaves `has_account`): this one puts
 * both back as they were.
 */
export const linkLoginToCustomerStep = createStep(
  linkLoginToCustomerStepId,
  async (
    input: {
      auth_identity_id: string
      customer_id: string
      set_has_account: boolean
    },
    { container }
  ) => {
    const auth = container.resolve(Modules.AUTH)
    const identity = await auth.retrieveAuthIdentity(input.auth_identity_id, {
      select: ["id", "app_metadata"],
    })
    if (identity.app_metadata?.customer_id) {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        "This login has a customer account already."
      )
    }
    await auth.updateAuthIdentities({
      id: identity.id,
      app_metadata: {
        ...identity.app_metadata,
        customer_id: input.customer_id,
      },
    })
    const undo: Undo = {
      auth_identity_id: identity.id,
      previous_app_metadata: identity.app_metadata ?? null,
      set_has_account_customer_id: null,
    }
    if (input.set_has_account) {
      const customers = container.resolve(Modules.CUSTOMER)
      const [customer] = await customers.listCustomers(
        { id: input.customer_id },
        { select: ["id", "has_account"] }
      )
      if (!customer.has_account) {
        await customers.updateCustomers(customer.id, hasAccount(true))
        undo.set_has_account_customer_id = customer.id
      }
    }
    return new StepResponse({ customer_id: input.customer_id }, undo)
  },
  async (undo, { container }) => {
    if (!undo) {
      return
    }
    if (undo.set_has_account_customer_id) {
      await container
        .resolve(Modules.CUSTOMER)
        .updateCustomers(undo.set_has_account_customer_id, hasAccount(false))
    }
    await container.resolve(Modules.AUTH).updateAuthIdentities({
      id: undo.auth_identity_id,
      app_metadata: unlinkedAppMetadata(undo.previous_app_metadata),
    })
  }
)
