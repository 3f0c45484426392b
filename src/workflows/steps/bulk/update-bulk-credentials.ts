import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { CREDENTIALS_MODULE } from "../../../modules/credentials"
import type CredentialsModuleService from "../../../modules/credentials/service"

export type UpdateBulkCredentialsStepInput = {
  customer_ids: string[]
  /** Generated credentials: a temporary password, login on, counters reset. */
  password_change?: { temporary: boolean; expiration_minutes: number }
}

type CredentialRow = {
  id: string
  customer_id: string
  customer_number: string | null
  registered_at: Date | string | null
  temporary_password_expires_at: Date | string | null
}

type Undo = {
  created_ids: string[]
  previous: Record<string, unknown>[]
}

export const updateBulkCredentialsStepId = "update-bulk-credentials"

/**
 * The plugin's credential rows for a batch, in a few queries: creates the
 * missing rows, gives customer numbers to those without one (one sequence
 * round trip), and records a generated password's ticket. Returns each
 * customer's row. Compensation deletes created rows and restores the others.
 */
export const updateBulkCredentialsStep = createStep(
  updateBulkCredentialsStepId,
  async (input: UpdateBulkCredentialsStepInput, { container }) => {
    const service =
      container.resolve<CredentialsModuleService>(CREDENTIALS_MODULE)
    const undo: Undo = { created_ids: [], previous: [] }
    if (!input.customer_ids.length) {
      return new StepResponse([] as CredentialRow[], undo)
    }

    const existing = await service.listCustomerCredentials({
      customer_id: input.customer_ids,
    })
    const have = new Set(existing.map((row) => row.customer_id))
    const missing = input.customer_ids.filter((id) => !have.has(id))
    const created = missing.length
      ? await service.createCustomerCredentials(
          missing.map((customer_id) => ({ customer_id }))
        )
      : []
    undo.created_ids = created.map((row) => row.id)
    const rows = [...existing, ...created]

    const numbers = await service.nextCustomerNumbers(
      rows.filter((row) => !row.customer_number).length
    )
    const now = new Date()
    const change = input.password_change
    const updates = rows
      .map((row) => {
        const update: Record<string, unknown> = { id: row.id }
        if (!row.customer_number) {
          update.customer_number = numbers.shift()
        }
        if (change) {
          Object.assign(update, {
            last_password_change_at: now,
            must_change_password: change.temporary,
            temporary_password_expires_at:
              change.temporary && change.expiration_minutes > 0
                ? new Date(now.getTime() + change.expiration_minutes * 60_000)
                : null,
            failed_login_count: 0,
            last_failed_login_at: null,
            locked_until: null,
            registered_at: row.registered_at ?? now,
            login_enabled: true,
          })
        }
        return update
      })
      .filter((update) => Object.keys(update).length > 1)

    const createdIds = new Set(undo.created_ids)
    undo.previous = existing
      .filter((row) => updates.some((update) => update.id === row.id))
      .map((row) => {
        const update = updates.find((u) => u.id === row.id)!
        return Object.fromEntries(
          Object.keys(update).map((key) => [
            key,
            row[key as keyof typeof row] ?? null,
          ])
        )
      })
      .filter((previous) => !createdIds.has(previous.id as string))

    const updated = updates.length
      ? await service.updateCustomerCredentials(updates as never)
      : []
    const byId = new Map(
      (updated as unknown as CredentialRow[]).map((row) => [row.id, row])
    )
    return new StepResponse(
      rows.map((row) => byId.get(row.id) ?? (row as unknown as CredentialRow)),
      undo
    )
  },
  async (undo, { container }) => {
    if (!undo) {
      return
    }
    const service =
      container.resolve<CredentialsModuleService>(CREDENTIALS_MODULE)
    if (undo.previous.length) {
      await service.updateCustomerCredentials(undo.previous as never)
    }
    if (undo.created_ids.length) {
      await service.deleteCustomerCredentials(undo.created_ids)
    }
  }
)
