import type { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { EMAILPASS_PROVIDER } from "../../shared/utils/customer-login"
import { loginsOfCustomers } from "./logins-of-customers"

/**
 * Registered customers (`has_account`) no login signs in to.
 *
 * Medusa's default workflow engine keeps a run in memory: a server that dies
 * between core's `createCustomersStep` and `setAuthAppMetadataStep` (or
 * between turning a guest into a registered customer and linking its login)
 * leaves a customer marked registered, a login that acts for nobody, and
 * nothing that undoes either. Registration finishes such an account instead
 * of refusing the email for good; the reconciliation job
 * (`src/jobs/reconcile-credentials.ts`) reports the ones nobody came back to.
 */
export type UnfinishedAccounts = {
  /** One of the email's registered customers has a login: the email is taken. */
  linked: boolean
  /**
   * The unfinished customer the registration completes: with the login the
   * registrant proved (the same password, checked by core's emailpass; or the
   * stock flow's own login), or null for a new login. Only a customer with
   * no orders: nothing in it is anyone's but the registrant's.
   */
  resume: { customer_id: string; auth_identity_id: string | null } | null
  /**
   * An unfinished customer with orders (a guest whose adoption stopped
   * halfway): it is treated as the guest it was, so only the owner of the
   * email, through the emailed link, gets its order history.
   */
  unfinished_guest_id: string | null
}

type Customer = { id: string; email?: string | null; has_account: boolean }

/** A login registration could resume: the email as stored, for emailpass. */
type Candidate = { auth_identity_id: string; email: string }

/** Does this password open the login? Core's emailpass decides (scrypt). */
export const passwordOpensLogin = async (
  container: MedusaContainer,
  email: string,
  password: string
): Promise<string | null> => {
  const { success, authIdentity } = await container
    .resolve(Modules.AUTH)
    .authenticate(EMAILPASS_PROVIDER, {
      body: { email, password },
    } as never)
    .catch(() => ({ success: false, authIdentity: undefined }))
  return success && authIdentity ? authIdentity.id : null
}

export const findUnfinishedAccounts = async (
  container: MedusaContainer,
  input: {
    /** The email's customers, in any case. */
    customers: Customer[]
    email: string
    /** null: the stock flow, whose own login is the only candidate. */
    password: string | null
    /** Logins acting for nobody: the stock flow's own, or the email's unproven orphans. */
    candidates: Candidate[]
  }
): Promise<UnfinishedAccounts> => {
  const none = { linked: false, resume: null, unfinished_guest_id: null }
  const accounts = input.customers.filter((customer) => customer.has_account)
  if (!accounts.length) {
    return none
  }
  const linked = await loginsOfCustomers(
    container,
    accounts.map((customer) => customer.id)
  )
  if (linked.length) {
    return { ...none, linked: true }
  }
  const wanted = input.email.trim()
  const account =
    accounts.find((customer) => customer.email === wanted) ?? accounts[0]
  const orders = await container
    .resolve(Modules.ORDER)
    .listOrders({ customer_id: account.id }, { take: 1, select: ["id"] })
  if (orders.length) {
    return { ...none, unfinished_guest_id: account.id }
  }
  let proven: string | null = null
  for (const candidate of input.candidates) {
    if (input.password === null) {
      proven = candidate.auth_identity_id
      break
    }
    const opened = await passwordOpensLogin(
      container,
      candidate.email,
      input.password
    )
    if (opened === candidate.auth_identity_id) {
      proven = opened
      break
    }
  }
  return {
    ...none,
    resume: { customer_id: account.id, auth_identity_id: proven },
  }
}
