import { availableParallelism } from "node:os"
import { Modules } from "@medusajs/framework/utils"
import type { MedusaContainer } from "@medusajs/framework/types"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { PasswordPolicy } from "../../../modules/credentials/types"
import { generatePassword } from "../../../modules/credentials/utils/generate-password"
import {
  bulkErrorMessage,
  type BulkCustomer,
  type BulkFailure,
} from "../utils/bulk-onboarding"
import { assertLocksHeld } from "../../shared/utils/assert-locks-held"
import { mapSettledWithLimit } from "../utils/concurrency"
import { passwordLockKey } from "../../shared/utils/password-lock-key"
import { EMAILPASS_PROVIDER } from "../../shared/utils/customer-login"
import { emailpassPasswordHash } from "../../shared/utils/emailpass-password-hash"
import {
  endLoginSessions,
  restoreLoginSessions,
  type EndedLoginSessions,
} from "../../shared/utils/login-sessions"
import {
  hasAccount,
  undoBulkLogins,
  type BulkLoginsUndo,
} from "../../shared/utils/undo-bulk-logins"
import {
  restorableProviderMetadata,
  STORE_SET_PASSWORD,
} from "../../shared/utils/unproven-passwords"

export type BulkPassword = {
  customer: BulkCustomer["customer"]
  auth_identity_id: string
  created_login: boolean
  /** The generated password: only for the email, never stored or logged. */
  password: string
}

type Undo = BulkLoginsUndo & {
  previous_provider_metadata: {
    id: string
    provider_metadata: Record<string, unknown>
  }[]
  ended_sessions: EndedLoginSessions
}

export const setBulkPasswordsStepId = "set-bulk-passwords"

/** Puts the previous hashes, links and sessions back; removes created logins. */
const undoSetBulkPasswords = async (
  container: MedusaContainer,
  undo: Undo
): Promise<void> => {
  await undoBulkLogins(container, undo)
  const auth = container.resolve(Modules.AUTH)
  await restoreLoginSessions(container, undo.ended_sessions ?? [])
  if (undo.previous_provider_metadata.length) {
    await auth.updateProviderIdentities(
      undo.previous_provider_metadata.map((pi) => ({
        id: pi.id,
        provider_metadata: restorableProviderMetadata(pi.provider_metadata),
      }))
    )
  }
}

/**
 * "Generate and send credentials" in bulk: a random policy-meeting password
 * per customer, hashed by core's emailpass provider (`hashPassword`, one
 * scrypt derivation each, run side by side), then written in one call for
 * the new logins (made linked to their customer) and one for the existing.
 * A customer whose password cannot be hashed is reported and left out; the
 * others go on. If a write fails (another flow made a login for one of the
 * emails meanwhile, say), the step fails and the batch is retried one
 * customer at a time (`run-credential-bulk-job.ts`).
 *
 * Compensation puts the previous hashes back and removes created logins.
 */
export const setBulkPasswordsStep = createStep(
  setBulkPasswordsStepId,
  async (
    input: { customers: BulkCustomer[]; policy: PasswordPolicy },
    { container }
  ) => {
    await assertLocksHeld(
      container,
      input.customers.map((entry) => passwordLockKey(entry.customer.email)),
      "Setting customers' passwords"
    )
    const auth = container.resolve(Modules.AUTH)
    const undo: Undo = {
      created_auth_identity_ids: [],
      previous_provider_metadata: [],
      linked: [],
      has_account_customer_ids: [],
      ended_sessions: [],
    }

    const existing = input.customers.filter((entry) => entry.login)
    if (existing.length) {
      const providerIdentities = await auth.listProviderIdentities(
        { id: existing.map((entry) => entry.login!.provider_identity_id) },
        { select: ["id", "provider_metadata"] }
      )
      undo.previous_provider_metadata = providerIdentities.map((pi) => ({
        id: pi.id,
        provider_metadata: pi.provider_metadata ?? {},
      }))
    }

    // Core's emailpass hashes each password (one scrypt derivation on
    // libuv's pool); the derivations run side by side, one more than the
    // machine has cores, so that a core never waits for the next one.
    const hash = emailpassPasswordHash(auth)
    const results = await mapSettledWithLimit(
      input.customers,
      availableParallelism() + 1,
      async (entry) => {
        const password = generatePassword(input.policy)
        return { entry, password, password_hash: await hash(password) }
      }
    )
    const hashed: (BulkPassword & { password_hash: string })[] = []
    const failures: BulkFailure[] = []
    results.forEach((result, index) => {
      if (result.ok) {
        const { entry, password, password_hash } = result.value
        hashed.push({
          customer: entry.customer,
          auth_identity_id: entry.login?.auth_identity_id ?? "",
          created_login: !entry.login,
          password,
          password_hash,
        })
      } else {
        failures.push({
          customer_id: input.customers[index].customer.id,
          message: bulkErrorMessage(result.error),
        })
      }
    })

    // What this step wrote is undone here if a later write fails: a step
    // that fails is not compensated.
    let passwords: BulkPassword[]
    try {
      // The passwords are written as emailpass writes them (`password` in the
      // provider identity's metadata, which the auth module merges on update),
      // marked as set by the store (`unproven-passwords.ts`), in one call each
      // for the logins made here and those that were there.
      const created = hashed.filter((entry) => entry.created_login)
      if (created.length) {
        const identities = await auth.createAuthIdentities(
          created.map((entry) => ({
            app_metadata: { customer_id: entry.customer.id },
            provider_identities: [
              {
                provider: EMAILPASS_PROVIDER,
                entity_id: entry.customer.email,
                provider_metadata: {
                  password: entry.password_hash,
                  [STORE_SET_PASSWORD]: true,
                },
              },
            ],
          }))
        )
        identities.forEach((identity, index) => {
          created[index].auth_identity_id = identity.id
          undo.created_auth_identity_ids.push(identity.id)
        })
      }
      const changed = hashed.filter((entry) => !entry.created_login)
      if (changed.length) {
        const providerIdentityOf = new Map(
          existing.map((entry) => [
            entry.login!.auth_identity_id,
            entry.login!.provider_identity_id,
          ])
        )
        await auth.updateProviderIdentities(
          changed.map((entry) => ({
            id: providerIdentityOf.get(entry.auth_identity_id)!,
            provider_metadata: {
              password: entry.password_hash,
              [STORE_SET_PASSWORD]: true,
            },
          }))
        )
      }
      passwords = hashed.map(({ password_hash: _hash, ...entry }) => entry)

      // A new password ends every session the old one opened.
      undo.ended_sessions = await endLoginSessions(
        container,
        passwords
          .filter((entry) => !entry.created_login)
          .map((entry) => entry.auth_identity_id)
      )

      // A login made here is linked already; one that was there and acted for
      // nobody is linked now.
      const unlinked = new Set(
        existing
          .filter((entry) => entry.login!.unlinked)
          .map((entry) => entry.login!.auth_identity_id)
      )
      const toLink = passwords.filter((entry) =>
        unlinked.has(entry.auth_identity_id)
      )
      if (toLink.length) {
        const epochs = new Map(
          (
            await auth.listAuthIdentities(
              { id: toLink.map((entry) => entry.auth_identity_id) },
              { select: ["id", "app_metadata"] }
            )
          ).map((identity) => [identity.id, identity.app_metadata ?? {}])
        )
        const previous = new Map(
          input.customers.map((c) => [c.customer.id, c.login?.app_metadata])
        )
        await auth.updateAuthIdentities(
          toLink.map((entry) => ({
            id: entry.auth_identity_id,
            app_metadata: {
              ...(epochs.get(entry.auth_identity_id) ?? {}),
              customer_id: entry.customer.id,
            },
          }))
        )
        undo.linked = toLink.map((entry) => ({
          id: entry.auth_identity_id,
          app_metadata: previous.get(entry.customer.id) ?? {},
        }))
      }

      const withoutAccount = passwords
        .filter((entry) => !entry.customer.has_account)
        .map((entry) => entry.customer.id)
      if (withoutAccount.length) {
        await container
          .resolve(Modules.CUSTOMER)
          .updateCustomers({ id: withoutAccount }, hasAccount(true))
        undo.has_account_customer_ids = withoutAccount
      }
    } catch (error) {
      await undoSetBulkPasswords(container, undo)
      throw error
    }

    return new StepResponse({ passwords, failures }, undo)
  },
  async (undo, { container }) => {
    if (undo) {
      await undoSetBulkPasswords(container, undo)
    }
  }
)
