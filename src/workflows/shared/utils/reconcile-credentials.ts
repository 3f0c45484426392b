import type { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { CREDENTIALS_MODULE } from "../../../modules/credentials"
import type CredentialsModuleService from "../../../modules/credentials/service"
import { EMAILPASS_PROVIDER } from "./customer-login"
import { loginsOfCustomers } from "../../registration/utils/logins-of-customers"
import { releaseDeletedCustomersLogins } from "./release-deleted-customers-logins"
import { actsForNobody } from "./unproven-passwords"

/**
 * What a server killed halfway through a flow can leave behind, found and
 * (where it is safe without the person) repaired. Medusa's default workflow
 * engine keeps a run in memory and undoes nothing after a crash; the flows
 * themselves finish their own half states on the next attempt (registration:
 * `unfinished-registrations.ts`; generate, manual entry, activation links and
 * reference add find and reuse the login they made), so this pass only
 * tidies what no next attempt would reach, and reports the rest.
 *
 * Repaired:
 * - logins linked (`app_metadata.customer_id`) to a customer that no longer
 *   exists (a crash between core's deletion and the plugin's tidy-up): the
 *   link goes, and a login left acting for nobody is deleted, as the admin's
 *   DELETE route does;
 * - credential rows and B2B references of a customer that no longer exists;
 * - a customer whose own password login (its emailpass email is the
 *   customer's) is linked to it but who is not marked `has_account` (a
 *   crash between the link and the mark: every flow that links a login
 *   marks the customer in the same step): marked, as the flow would have.
 *
 * Reported only (nothing proves who they belong to; the next registration of
 * the email, with the same password or not, or the admin's generate, finishes
 * them): registered customers no login signs in to, with the unproven login
 * their registration made.
 *
 * Idempotent: every repair reads the state again and writes only what is
 * still wrong, so two instances running it at once (or twice) agree. The job
 * holds a Locking Module lock so only one runs at a time.
 *
 * Cheap: primary-key pages of `BATCH` rows; lookups by id or by the indexed
 * email; nothing scans a JSON column.
 */
export type ReconcileReport = {
  logins_scanned: number
  credential_rows_scanned: number
  /** Logins whose customer is gone: unlinked (and deleted when acting for nobody). */
  logins_of_missing_customers: number
  logins_deleted: number
  /** Credential rows whose customer is gone: soft-deleted. */
  credential_rows_of_missing_customers: number
  /** Customers with their own linked login that were not marked `has_account`: marked. */
  accounts_marked_registered: number
  /** Registered customers no login signs in to (older than the grace period). */
  unfinished_registrations: number
  unfinished_customer_ids: string[]
}

export const RECONCILE_BATCH = 500

/** Younger than this, a half state may be a flow still running. */
export const RECONCILE_GRACE_MS = 10 * 60_000

export const reconcileCredentials = async (
  container: MedusaContainer,
  options: { batch?: number; grace_ms?: number; now?: Date } = {}
): Promise<ReconcileReport> => {
  const batch = options.batch ?? RECONCILE_BATCH
  const before = new Date(
    (options.now ?? new Date()).getTime() -
      (options.grace_ms ?? RECONCILE_GRACE_MS)
  )
  const auth = container.resolve(Modules.AUTH)
  const customers = container.resolve(Modules.CUSTOMER)
  const credentials =
    container.resolve<CredentialsModuleService>(CREDENTIALS_MODULE)
  const report: ReconcileReport = {
    logins_scanned: 0,
    credential_rows_scanned: 0,
    logins_of_missing_customers: 0,
    logins_deleted: 0,
    credential_rows_of_missing_customers: 0,
    accounts_marked_registered: 0,
    unfinished_registrations: 0,
    unfinished_customer_ids: [],
  }

  /** Of these customer ids, the ones with no (live) customer. */
  const missingCustomers = async (ids: string[]) => {
    const unique = [...new Set(ids)]
    if (!unique.length) {
      return new Set<string>()
    }
    const found = await customers.listCustomers(
      { id: unique },
      { select: ["id"], take: unique.length }
    )
    const live = new Set(found.map((customer) => customer.id))
    return new Set(unique.filter((id) => !live.has(id)))
  }

  // 1. Every login, a page at a time: links to missing customers, and the
  // emails of password logins acting for nobody (a registration's login
  // waiting for its customer).
  const orphanEmails = new Set<string>()
  for (let after = ""; ;) {
    const page = await auth.listAuthIdentities(
      after ? ({ id: { $gt: after } } as never) : {},
      {
        select: [
          "id",
          "app_metadata",
          "created_at",
          "provider_identities.provider",
          "provider_identities.entity_id",
        ],
        relations: ["provider_identities"],
        order: { id: "ASC" },
        take: batch,
      }
    )
    if (!page.length) {
      break
    }
    after = page[page.length - 1].id
    report.logins_scanned += page.length

    const linkedTo = new Map<string, string>()
    /** Per linked customer, the emails its linked password logins sign in with. */
    const linkedEmails = new Map<string, Set<string>>()
    for (const identity of page) {
      const customerId = identity.app_metadata?.customer_id
      if (typeof customerId === "string" && customerId) {
        linkedTo.set(identity.id, customerId)
        for (const pi of identity.provider_identities ?? []) {
          if (pi.provider === EMAILPASS_PROVIDER) {
            const emails = linkedEmails.get(customerId) ?? new Set<string>()
            emails.add(pi.entity_id.toLowerCase())
            linkedEmails.set(customerId, emails)
          }
        }
      } else if (
        actsForNobody(identity.app_metadata) &&
        new Date((identity as { created_at?: string }).created_at ?? 0) < before
      ) {
        for (const pi of identity.provider_identities ?? []) {
          if (pi.provider === EMAILPASS_PROVIDER) {
            orphanEmails.add(pi.entity_id)
          }
        }
      }
    }
    const missing = await missingCustomers([...linkedTo.values()])
    if (missing.size) {
      const loginIds = [...linkedTo]
        .filter(([, customerId]) => missing.has(customerId))
        .map(([id]) => id)
      report.logins_of_missing_customers += loginIds.length
      const { deleted } = await releaseDeletedCustomersLogins(
        container,
        [...missing],
        loginIds
      )
      report.logins_deleted += deleted.length
    }
    const liveLinked = [...linkedEmails.keys()].filter((id) => !missing.has(id))
    const unmarked = !liveLinked.length
      ? []
      : await customers.listCustomers(
          {
            id: liveLinked,
            has_account: false,
            created_at: { $lt: before },
          } as never,
          { select: ["id", "email"] }
        )
    const own = unmarked.filter(
      (customer) =>
        !!customer.email &&
        linkedEmails.get(customer.id)!.has(customer.email.toLowerCase())
    )
    if (own.length) {
      await customers.updateCustomers(
        { id: own.map((customer) => customer.id) },
        { has_account: true } as never
      )
      report.accounts_marked_registered += own.length
    }
    if (page.length < batch) {
      break
    }
  }

  // 2. Credential rows (and references) of customers that are gone.
  for (let after = ""; ;) {
    const rows = await credentials.listCustomerCredentials(
      after ? ({ id: { $gt: after } } as never) : {},
      { select: ["id", "customer_id"], order: { id: "ASC" }, take: batch }
    )
    if (!rows.length) {
      break
    }
    after = rows[rows.length - 1].id
    report.credential_rows_scanned += rows.length
    const missing = await missingCustomers(rows.map((row) => row.customer_id))
    if (missing.size) {
      report.credential_rows_of_missing_customers += rows.filter((row) =>
        missing.has(row.customer_id)
      ).length
      await releaseDeletedCustomersLogins(container, [...missing], [])
    }
    if (rows.length < batch) {
      break
    }
  }

  // 3. Registered customers of those emails that no login signs in to.
  const emails = [...orphanEmails]
  for (let i = 0; i < emails.length; i += batch) {
    const registered = await customers.listCustomers(
      {
        email: emails.slice(i, i + batch),
        has_account: true,
        created_at: { $lt: before },
      } as never,
      { select: ["id"] }
    )
    if (!registered.length) {
      continue
    }
    const [linked, references] = await Promise.all([
      loginsOfCustomers(
        container,
        registered.map((customer) => customer.id)
      ),
      credentials.listCustomerReferences(
        { customer_id: registered.map((customer) => customer.id) },
        { select: ["customer_id"] }
      ),
    ])
    const served = new Set([
      ...linked.map((login) => login.app_metadata?.customer_id as string),
      ...references.map((reference) => reference.customer_id),
    ])
    for (const customer of registered) {
      if (!served.has(customer.id)) {
        report.unfinished_registrations++
        report.unfinished_customer_ids.push(customer.id)
      }
    }
  }
  return report
}
