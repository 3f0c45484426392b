import { availableParallelism } from "node:os"
import { MedusaError, Modules } from "@medusajs/framework/utils"
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
  markStoreSetPasswords,
  restorableProviderMetadata,
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

/**
 * "Generate and send credentials" in bulk: a random policy-meeting password
 * per customer, hashed by core's emailpass provider (one scrypt derivation
 * each, through `authModule.register` / `updateProvider`). Derivations run
 * concurrently, one more than the machine has cores (scrypt runs on
 * libuv's thread pool, 4 threads by default). A customer whose password cannot be set is reported and
 * left out; the others go on.
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

    const results = await mapSettledWithLimit(
      input.customers,
      // One more than the cores: while a worker does its queries, the
      // others keep every core deriving.
      availableParallelism() + 1,
      async ({ customer, login }): Promise<BulkPassword> => {
        const password = generatePassword(input.policy)
        if (login) {
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
          return {
            customer,
            auth_identity_id: login.auth_identity_id,
            created_login: false,
            password,
          }
        }
        const { authIdentity, error } = await auth.register(
          EMAILPASS_PROVIDER,
          { body: { email: customer.email, password } } as never
        )
        if (!authIdentity) {
          throw new MedusaError(
            MedusaError.Types.UNEXPECTED_STATE,
            `Could not create the login: ${error}`
          )
        }
        undo.created_auth_identity_ids.push(authIdentity.id)
        return {
          customer,
          auth_identity_id: authIdentity.id,
          created_login: true,
          password,
        }
      }
    )

    const passwords: BulkPassword[] = []
    const failures: BulkFailure[] = []
    results.forEach((result, index) => {
      if (result.ok) {
        passwords.push(result.value)
      } else {
        failures.push({
          customer_id: input.customers[index].customer.id,
          message: bulkErrorMessage(result.error),
        })
      }
    })

    // The store chose these passwords (`unproven-passwords.ts`).
    await markStoreSetPasswords(
      auth,
      passwords.map((entry) => entry.auth_identity_id)
    )

    // A new password ends every session the old one opened.
    undo.ended_sessions = await endLoginSessions(
      container,
      passwords
        .filter((entry) => !entry.created_login)
        .map((entry) => entry.auth_identity_id)
    )

    const toLink = passwords.filter(
      (entry) =>
        entry.created_login ||
        input.customers.find((c) => c.customer.id === entry.customer.id)?.login
          ?.unlinked
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
      undo.linked = toLink
        .filter((entry) => !entry.created_login)
        .map((entry) => ({
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

    return new StepResponse({ passwords, failures }, undo)
  },
  async (undo, { container }) => {
    if (!undo) {
      return
    }
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
)
