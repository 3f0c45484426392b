import { Context, InferEntityType } from "@medusajs/framework/types"
import {
  InjectManager,
  InjectTransactionManager,
  MedusaContext,
  MedusaService,
} from "@medusajs/framework/utils"
import type { EntityManager } from "@medusajs/framework/mikro-orm/knex"
import {
  CredentialBulkJob,
  CredentialEvent,
  CredentialSettings,
  CustomerCredential,
  CustomerReference,
} from "./models"
import { parseCredentialsOptions } from "./options"
import type {
  CredentialSettingsPatch,
  CredentialSettingsValues,
  CredentialsModuleOptions,
} from "./types"

type CustomerCredentialDTO = InferEntityType<typeof CustomerCredential>
type CredentialSettingsDTO = InferEntityType<typeof CredentialSettings>

/** The columns of a settings row, as saved (null: not overridden). */
export type SavedCredentialSettings = Omit<
  CredentialSettingsDTO,
  "id" | "store_id" | "created_at" | "updated_at" | "deleted_at"
>

const SAVED_SETTING_COLUMNS = [
  "customer_accounts_enabled",
  "allow_manual_entry",
  "password_ticket_expiration_minutes",
  "require_email_confirmation",
  "customers_can_change_password",
  "password_min_length",
  "password_require_uppercase",
  "password_require_digit",
  "password_require_special",
  "force_login",
  "lockout_threshold",
  "lockout_window_minutes",
  "lockout_minutes",
  "sso_enabled",
  "sso_only",
  "sso_button_label",
  "sso_allowed_email_domains",
  "permissions",
] as const satisfies readonly (keyof SavedCredentialSettings)[]

export type SignInLockRule = {
  threshold: number
  windowMinutes: number
  lockoutMinutes: number
}

export const CUSTOMER_NUMBER_SEQUENCE = "customer_credential_number_seq"

export default class CredentialsModuleService extends MedusaService({
  CustomerCredential,
  CredentialSettings,
  CredentialEvent,
  CustomerReference,
  CredentialBulkJob,
}) {
  protected readonly options_: CredentialsModuleOptions

  constructor(container: Record<string, unknown>, options?: unknown) {
    super(...arguments)
    this.options_ = parseCredentialsOptions(options)
  }

  async getOptions(): Promise<CredentialsModuleOptions> {
    return this.options_
  }

  /**
   * Returns the customer's credential row, creating it with the defaults when
   * the customer has none yet. Safe under concurrency: a unique index on
   * customer_id turns a lost race into a re-read instead of a duplicate row.
   *
   * Returns the row and whether this call created it, so a workflow step can
   * compensate exactly what it wrote.
   */
  @InjectManager()
  async ensureCustomerCredential(
    customerId: string,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ credential: CustomerCredentialDTO; created: boolean }> {
    const [existing] = await this.listCustomerCredentials(
      { customer_id: customerId },
      { take: 1 },
      sharedContext
    )
    if (existing) {
      return { credential: existing, created: false }
    }

    try {
      const credential = await this.createCustomerCredentials(
        { customer_id: customerId },
        sharedContext
      )
      return { credential, created: true }
    } catch (error) {
      const [raced] = await this.listCustomerCredentials(
        { customer_id: customerId },
        { take: 1 },
        sharedContext
      )
      if (raced) {
        return { credential: raced, created: false }
      }
      throw error
    }
  }

  /**
   * Counts a failed sign-in, atomically (row lock), and locks the account
   * once `threshold` failures fall within `windowMinutes`. A failure after
   * the window, or after a lock ran out, starts a new count.
   */
  @InjectManager()
  async recordSignInFailure(
    customerId: string,
    rule: SignInLockRule,
    now: Date = new Date(),
    @MedusaContext() sharedContext: Context<EntityManager> = {}
  ): Promise<{ failed_login_count: number; locked_until: Date | null }> {
    return this.recordSignInFailure_(customerId, rule, now, sharedContext)
  }

  @InjectTransactionManager()
  protected async recordSignInFailure_(
    customerId: string,
    rule: SignInLockRule,
    now: Date,
    @MedusaContext() sharedContext: Context<EntityManager> = {}
  ): Promise<{ failed_login_count: number; locked_until: Date | null }> {
    const windowStart = new Date(now.getTime() - rule.windowMinutes * 60_000)
    const lockedUntil = new Date(now.getTime() + rule.lockoutMinutes * 60_000)
    const rows = await sharedContext.transactionManager!.execute(
      `WITH next AS (
         SELECT id,
           CASE
             WHEN last_failed_login_at IS NULL
               OR last_failed_login_at < ?
               OR (locked_until IS NOT NULL AND locked_until <= ?)
             THEN 1
             ELSE failed_login_count + 1
           END AS count
         FROM customer_credential
         WHERE customer_id = ? AND deleted_at IS NULL
         FOR UPDATE
       )
       UPDATE customer_credential c
       SET failed_login_count = next.count,
           last_failed_login_at = ?,
           locked_until = CASE WHEN next.count >= ? THEN ?::timestamptz ELSE c.locked_until END,
           updated_at = ?
       FROM next
       WHERE c.id = next.id
       RETURNING c.failed_login_count, c.locked_until`,
      [windowStart, now, customerId, now, rule.threshold, lockedUntil, now]
    )
    return {
      failed_login_count: rows[0]?.failed_login_count ?? 0,
      locked_until: rows[0]?.locked_until ?? null,
    }
  }

  /** A successful sign-in: clears the failure count and any lock. */
  @InjectManager()
  async recordSignInSuccess(
    customerId: string,
    now: Date = new Date(),
    @MedusaContext() sharedContext: Context = {}
  ): Promise<void> {
    const { credential } = await this.ensureCustomerCredential(
      customerId,
      sharedContext
    )
    await this.updateCustomerCredentials(
      {
        id: credential.id,
        last_login_at: now,
        failed_login_count: 0,
        last_failed_login_at: null,
        locked_until: null,
      },
      sharedContext
    )
  }

  /** The next customer number: short, numeric, unique, never reused. */
  @InjectManager()
  async nextCustomerNumber(
    @MedusaContext() sharedContext: Context<EntityManager> = {}
  ): Promise<string> {
    const rows = await sharedContext.manager!.execute(
      `SELECT nextval('${CUSTOMER_NUMBER_SEQUENCE}') AS value`
    )
    return String(rows[0].value)
  }

  /** `count` new customer numbers in one round trip (bulk onboarding). */
  @InjectManager()
  async nextCustomerNumbers(
    count: number,
    @MedusaContext() sharedContext: Context<EntityManager> = {}
  ): Promise<string[]> {
    if (count < 1) {
      return []
    }
    const rows = await sharedContext.manager!.execute(
      `SELECT nextval('${CUSTOMER_NUMBER_SEQUENCE}') AS value FROM generate_series(1, ?)`,
      [count]
    )
    return rows.map((row) => String(row.value))
  }

  /**
   * Moves a queued bulk job to running, atomically: true for the one caller
   * that gets it (an event delivered twice never runs a job twice).
   */
  @InjectManager()
  async claimBulkJob(
    jobId: string,
    @MedusaContext() sharedContext: Context<EntityManager> = {}
  ): Promise<boolean> {
    const rows = await sharedContext.manager!.execute(
      `UPDATE credential_bulk_job SET status = 'running', started_at = now(), updated_at = now()
       WHERE id = ? AND status = 'queued' AND deleted_at IS NULL RETURNING id`,
      [jobId]
    )
    return rows.length === 1
  }

  /** What an admin saved for the store (all null when nothing was saved). */
  @InjectManager()
  async retrieveSavedSettings(
    storeId: string,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<SavedCredentialSettings> {
    const [row] = await this.listCredentialSettings(
      { store_id: storeId },
      { take: 1 },
      sharedContext
    )
    return Object.fromEntries(
      SAVED_SETTING_COLUMNS.map((column) => [column, row?.[column] ?? null])
    ) as SavedCredentialSettings
  }

  /** The settings in force: saved values, then plugin options, then defaults. */
  @InjectManager()
  async retrieveEffectiveSettings(
    storeId: string,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<CredentialSettingsValues> {
    const saved = await this.retrieveSavedSettings(storeId, sharedContext)
    return this.resolveSettings_(saved)
  }

  protected resolveSettings_(
    saved: SavedCredentialSettings
  ): CredentialSettingsValues {
    const base = this.options_.settings
    const policy = base.password_policy
    return {
      customer_accounts_enabled:
        saved.customer_accounts_enabled ?? base.customer_accounts_enabled,
      allow_manual_entry: saved.allow_manual_entry ?? base.allow_manual_entry,
      password_ticket_expiration_minutes:
        saved.password_ticket_expiration_minutes ??
        base.password_ticket_expiration_minutes,
      require_email_confirmation:
        saved.require_email_confirmation ?? base.require_email_confirmation,
      customers_can_change_password:
        saved.customers_can_change_password ??
        base.customers_can_change_password,
      password_policy: {
        min_length: saved.password_min_length ?? policy.min_length,
        require_uppercase:
          saved.password_require_uppercase ?? policy.require_uppercase,
        require_digit: saved.password_require_digit ?? policy.require_digit,
        require_special:
          saved.password_require_special ?? policy.require_special,
      },
      force_login: saved.force_login ?? base.force_login,
      lockout_threshold: saved.lockout_threshold ?? base.lockout_threshold,
      lockout_window_minutes:
        saved.lockout_window_minutes ?? base.lockout_window_minutes,
      lockout_minutes: saved.lockout_minutes ?? base.lockout_minutes,
      sso_enabled: saved.sso_enabled ?? base.sso_enabled,
      sso_only: saved.sso_only ?? base.sso_only,
      sso_button_label: saved.sso_button_label ?? base.sso_button_label,
      sso_allowed_email_domains:
        (saved.sso_allowed_email_domains as string[] | null) ??
        base.sso_allowed_email_domains,
      permissions: {
        ...base.permissions,
        ...((saved.permissions as Record<string, boolean> | null) ?? {}),
      },
    }
  }

  /**
   * Writes the given settings for the store (creating its row on first save)
   * and returns what was saved before, for compensation.
   */
  @InjectManager()
  async saveSettings(
    storeId: string,
    patch: CredentialSettingsPatch | SavedCredentialSettings,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ previous: SavedCredentialSettings; created: boolean }> {
    return this.saveSettings_(storeId, patch, sharedContext)
  }

  @InjectTransactionManager()
  protected async saveSettings_(
    storeId: string,
    patch: CredentialSettingsPatch | SavedCredentialSettings,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ previous: SavedCredentialSettings; created: boolean }> {
    const previous = await this.retrieveSavedSettings(storeId, sharedContext)
    const columns = toSettingColumns(patch, previous)

    const [row] = await this.listCredentialSettings(
      { store_id: storeId },
      { take: 1 },
      sharedContext
    )
    if (row) {
      await this.updateCredentialSettings(
        { id: row.id, ...columns },
        sharedContext
      )
      return { previous, created: false }
    }
    await this.createCredentialSettings(
      { store_id: storeId, ...columns },
      sharedContext
    )
    return { previous, created: true }
  }
}

/** Flattens the API's nested settings shape into the row's columns. */
const toSettingColumns = (
  patch: CredentialSettingsPatch | SavedCredentialSettings,
  previous: SavedCredentialSettings
): Partial<SavedCredentialSettings> => {
  if (isSavedRow(patch)) {
    return patch
  }
  const { password_policy: policy, permissions, ...flat } = patch
  const columns = { ...flat } as Partial<SavedCredentialSettings>
  if (permissions !== undefined) {
    // Rights are merged one by one, like the other settings; null resets all.
    columns.permissions =
      permissions === null
        ? null
        : {
            ...((previous.permissions as Record<string, boolean> | null) ?? {}),
            ...permissions,
          }
  }
  if (policy) {
    if (policy.min_length !== undefined)
      columns.password_min_length = policy.min_length
    if (policy.require_uppercase !== undefined)
      columns.password_require_uppercase = policy.require_uppercase
    if (policy.require_digit !== undefined)
      columns.password_require_digit = policy.require_digit
    if (policy.require_special !== undefined)
      columns.password_require_special = policy.require_special
  }
  return columns
}

/** A whole saved row (compensation puts one back) rather than an API patch. */
const isSavedRow = (
  patch: CredentialSettingsPatch | SavedCredentialSettings
): patch is SavedCredentialSettings => "password_min_length" in patch
