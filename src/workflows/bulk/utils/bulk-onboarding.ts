import type { MedusaContainer } from "@medusajs/framework/types"
import {
  ContainerRegistrationKeys,
  MedusaError,
  Modules,
} from "@medusajs/framework/utils"
import { CREDENTIALS_MODULE } from "../../../modules/credentials"
import type CredentialsModuleService from "../../../modules/credentials/service"
import type { CustomerForLogin } from "../../shared/steps/validate-customer-email"
import { EMAILPASS_PROVIDER } from "../../shared/utils/customer-login"

export const BULK_ACTIONS = ["send_activation", "generate_credentials"] as const
export type BulkAction = (typeof BULK_ACTIONS)[number]

/** The most customers one job may name. */
export const MAX_BULK_CUSTOMERS = 10_000
/** At most this many per-customer errors are kept on a job. */
export const MAX_BULK_ERRORS = 100

/**
 * Customers per batch: a batch is read, written and emailed with a handful
 * of bulk queries. Generating credentials costs one scrypt derivation per
 * customer, so its batches are smaller and progress moves more often.
 */
export const BULK_BATCH_SIZE: Record<BulkAction, number> = {
  send_activation: 250,
  generate_credentials: 100,
}

/** One customer of a batch, with the password login their email has, if any. */
export type BulkCustomer = {
  customer: CustomerForLogin
  login: {
    auth_identity_id: string
    provider_identity_id: string
    /** The identity is not linked to any customer yet. */
    unlinked: boolean
    app_metadata: Record<string, unknown>
  } | null
}

export type BulkFailure = { customer_id: string; message: string }

/**
 * Reads a batch of customers and the password logins of their emails in a
 * few queries, and sorts out those that cannot get a login: no email, an
 * email that signs in to another customer account, an unknown id, or the
 * same email twice in the batch.
 */
export const loadBulkCustomers = async (
  container: MedusaContainer,
  customerIds: string[]
): Promise<{ customers: BulkCustomer[]; failures: BulkFailure[] }> => {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const auth = container.resolve(Modules.AUTH)
  const failures: BulkFailure[] = []

  const { data: rows } = await query.graph({
    entity: "customer",
    fields: ["id", "email", "has_account", "first_name", "last_name"],
    filters: { id: customerIds },
  })
  const byId = new Map(rows.map((row) => [row.id as string, row]))

  const candidates: CustomerForLogin[] = []
  const seenEmails = new Set<string>()
  for (const id of customerIds) {
    const row = byId.get(id)
    if (!row) {
      failures.push({ customer_id: id, message: `Customer ${id} not found.` })
      continue
    }
    if (!row.email) {
      failures.push({
        customer_id: id,
        message: `Customer ${id} has no email address: add one before giving them a login.`,
      })
      continue
    }
    if (seenEmails.has(row.email)) {
      failures.push({
        customer_id: id,
        message: `Another customer in this job has the email ${row.email}: one login per email.`,
      })
      continue
    }
    seenEmails.add(row.email)
    candidates.push({
      id,
      email: row.email,
      has_account: Boolean(row.has_account),
      first_name: row.first_name ?? null,
      last_name: row.last_name ?? null,
    })
  }
  if (!candidates.length) {
    return { customers: [], failures }
  }

  const providerIdentities = await auth.listProviderIdentities(
    {
      provider: EMAILPASS_PROVIDER,
      // An array is an IN filter; the filter's type only names one value.
      entity_id: candidates.map((customer) => customer.email) as never,
    },
    { select: ["id", "auth_identity_id", "entity_id"] }
  )
  const identityIds = providerIdentities.map((pi) => pi.auth_identity_id!)
  const identities = identityIds.length
    ? await auth.listAuthIdentities(
        { id: identityIds },
        { select: ["id", "app_metadata"] }
      )
    : []
  const metadataOf = new Map(
    identities.map((identity) => [identity.id, identity.app_metadata ?? {}])
  )
  const ownerOf = new Map(
    identities.map((identity) => [
      identity.id,
      (identity.app_metadata?.customer_id as string | undefined) ?? null,
    ])
  )
  const loginOf = new Map(providerIdentities.map((pi) => [pi.entity_id, pi]))

  // B2B: a login that acts for the customer through a reference is theirs too.
  const foreign = providerIdentities.filter((pi) => {
    const owner = ownerOf.get(pi.auth_identity_id!)
    const customer = candidates.find((c) => c.email === pi.entity_id)
    return owner && customer && owner !== customer.id
  })
  const references = foreign.length
    ? await container
        .resolve<CredentialsModuleService>(CREDENTIALS_MODULE)
        .listCustomerReferences(
          {
            auth_identity_id: foreign.map((pi) => pi.auth_identity_id!),
            customer_id: candidates.map((c) => c.id),
          },
          { select: ["auth_identity_id", "customer_id"] }
        )
    : []
  const referenced = new Set(
    references.map((ref) => `${ref.auth_identity_id}:${ref.customer_id}`)
  )

  const customers: BulkCustomer[] = []
  for (const customer of candidates) {
    const pi = loginOf.get(customer.email)
    if (!pi) {
      customers.push({ customer, login: null })
      continue
    }
    const owner = ownerOf.get(pi.auth_identity_id!) ?? null
    if (
      owner &&
      owner !== customer.id &&
      !referenced.has(`${pi.auth_identity_id}:${customer.id}`)
    ) {
      failures.push({
        customer_id: customer.id,
        message: `The email ${customer.email} already signs in to another customer account (${owner}). Manage the login on that account instead.`,
      })
      continue
    }
    customers.push({
      customer,
      login: {
        auth_identity_id: pi.auth_identity_id!,
        provider_identity_id: pi.id,
        unlinked: !owner,
        app_metadata: metadataOf.get(pi.auth_identity_id!) ?? {},
      },
    })
  }
  return { customers, failures }
}

/**
 * A per-customer error message fit for the job: the error's own, no stack.
 * A workflow's run throws its step's error as a plain object (serialized by
 * the workflow engine), not an Error: its message counts all the same.
 */
export const bulkErrorMessage = (error: unknown): string => {
  const message =
    error instanceof MedusaError || error instanceof Error
      ? error.message
      : (error as { message?: unknown } | null)?.message
  return typeof message === "string" && message
    ? message.slice(0, 500)
    : "Unexpected error"
}
