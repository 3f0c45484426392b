import { Context, InferEntityType, Logger } from "@medusajs/framework/types"
import {
  ContainerRegistrationKeys,
  InjectManager,
  InjectTransactionManager,
  MedusaContext,
  MedusaService,
} from "@medusajs/framework/utils"
import type { EntityManager } from "@medusajs/framework/mikro-orm/knex"
import {
  CREDENTIAL_CHANGES_CHANNEL,
  CredentialChangeFeed,
  loginChange,
  type KnexConnection,
} from "./credential-change-feed"
import {
  credentialIntentColumns,
  type AppliedCredentialIntents,
  type CredentialIntent,
} from "./credential-intents"
import { KeptSettings } from "./kept-settings"
import { SessionStates, type SessionStateKey } from "./session-states"
import {
  CredentialBulkJob,
  CredentialEvent,
  CredentialSettings,
  CredentialSignInClient,
  CustomerCredential,
  CustomerReference,
} from "./models"
import { parseCredentialsOptions } from "./options"
import {
  isSavedSettingsRow,
  resolveSettings,
  SETTING_COLUMNS,
  toSettingColumns,
  type CredentialSettingsPatch,
  type CredentialSettingsValues,
  type SavedCredentialSettings,
} from "./settings-schema"
import {
  CredentialStatements,
  type AppliedCredentialChange,
  type CredentialChangeColumn,
  type CredentialRowChanges,
} from "./repositories/credential-statements"
import type {
  CredentialEventInput,
  CredentialsModuleOptions,
  SessionState,
  SignInAttempt,
  SignInClient,
  SignInLockRule,
} from "./types"

type CustomerCredentialDTO = InferEntityType<typeof CustomerCredential>

export default class CredentialsModuleService extends MedusaService({
  CustomerCredential,
  CredentialSettings,
  CredentialEvent,
  CustomerReference,
  CredentialBulkJob,
  CredentialSignInClient,
}) {
  protected readonly options_: CredentialsModuleOptions
  /** The module's hand-written statements (repositories/credential-statements.ts). */
  protected readonly statements_ = new CredentialStatements()
  /** What the token gate read, kept between announced changes. */
  protected readonly sessionStates_ = new SessionStates<unknown>()
  /** The settings in force, by store, kept between announced changes. */
  protected readonly keptSettings_ =
    new KeptSettings<CredentialSettingsValues>()
  protected readonly changeFeed_: CredentialChangeFeed

  constructor(container: Record<string, unknown>, options?: unknown) {
    super(...arguments)
    this.options_ = parseCredentialsOptions(options)
    this.changeFeed_ = new CredentialChangeFeed(
      container[ContainerRegistrationKeys.PG_CONNECTION] as
        KnexConnection | undefined,
      {
        setListening: (listening) => {
          this.sessionStates_.setListening(listening)
          this.keptSettings_.setListening(listening)
        },
        changed: (kind, id) => {
          if (kind === "login") {
            this.sessionStates_.forgetLogin(id)
          } else if (kind === "customer") {
            this.sessionStates_.forgetCustomer(id)
          } else if (kind === "settings") {
            this.keptSettings_.forget()
          } else {
            this.sessionStates_.forgetAll()
            this.keptSettings_.forget()
          }
        },
      },
      container[ContainerRegistrationKeys.LOGGER] as Logger | undefined
    )
  }

  __hooks = {
    onApplicationStart: () => this.changeFeed_.start(),
    onApplicationPrepareShutdown: () => this.changeFeed_.stop(),
    onApplicationShutdown: () => this.changeFeed_.stop(),
  }

  /**
   * What the token gate knows of a signed-in login for an account: kept
   * between the changes PostgreSQL announces (`session-states.ts`), else
   * `load`ed. Only the token gate reads through this.
   */
  async readSessionSnapshot<T>(
    key: SessionStateKey,
    load: () => Promise<T>
  ): Promise<T> {
    return (await this.sessionStates_.read(key, load)) as T
  }

  /**
   * Tells every server instance that these logins' sessions changed (their
   * epoch, kept by the auth module, where no trigger of the plugin sees it):
   * this instance forgets them at once, the others when the announcement
   * arrives.
   */
  @InjectManager()
  async announceLoginChanges(
    authIdentityIds: string[],
    @MedusaContext() sharedContext: Context<EntityManager> = {}
  ): Promise<void> {
    const ids = [...new Set(authIdentityIds.filter(Boolean))]
    if (!ids.length) {
      return
    }
    for (const id of ids) {
      this.sessionStates_.forgetLogin(id)
    }
    await sharedContext.manager!.execute(
      `SELECT pg_notify(?, payload) FROM (VALUES ${ids.map(() => "(?)").join(", ")}) AS announced (payload)`,
      [CREDENTIAL_CHANGES_CHANNEL, ...ids.map(loginChange)]
    )
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
   * Records what flows did to customers' logins (`credential-intents.ts`),
   * for one customer or a batch: creates the rows customers lack, gives
   * customer numbers where asked (one sequence round trip), and writes each
   * intent's columns. The one writer of a new password's state. Returns the
   * rows in the intents' order and what `undoCredentialIntents` needs.
   */
  @InjectManager()
  async applyCredentialIntents(
    intents: CredentialIntent[],
    now: Date = new Date(),
    @MedusaContext() sharedContext: Context<EntityManager> = {}
  ): Promise<{
    credentials: CustomerCredentialDTO[]
    applied: AppliedCredentialIntents
  }> {
    const applied: AppliedCredentialIntents = { created_ids: [], previous: [] }
    if (!intents.length) {
      return { credentials: [], applied }
    }
    const customerIds = intents.map((intent) => intent.customer_id)
    const listRows = () =>
      this.listCustomerCredentials(
        { customer_id: customerIds },
        {},
        sharedContext
      )
    let existing = await listRows()
    const missing = (rows: CustomerCredentialDTO[]) => {
      const have = new Set(rows.map((row) => row.customer_id))
      return customerIds.filter((id) => !have.has(id))
    }
    let created: CustomerCredentialDTO[] = []
    if (missing(existing).length) {
      try {
        created = await this.createCustomerCredentials(
          missing(existing).map((customer_id) => ({ customer_id })),
          sharedContext
        )
      } catch (error) {
        // A concurrent writer created some of them (the unique index on
        // customer_id): read again and create only what is still missing.
        existing = await listRows()
        created = missing(existing).length
          ? await this.createCustomerCredentials(
              missing(existing).map((customer_id) => ({ customer_id })),
              sharedContext
            )
          : []
      }
    }
    applied.created_ids = created.map((row) => row.id)
    const rowOf = new Map(
      [...existing, ...created].map((row) => [row.customer_id, row])
    )

    const numbers = await this.nextCustomerNumbers(
      intents.filter(
        (intent) =>
          intent.assign_customer_number &&
          !rowOf.get(intent.customer_id)!.customer_number
      ).length,
      sharedContext
    )
    const createdIds = new Set(applied.created_ids)
    const updates = intents.map((intent) => {
      const row = rowOf.get(intent.customer_id)!
      const changes: Record<string, unknown> = credentialIntentColumns(
        intent,
        now
      )
      if (row.registered_at) {
        delete changes.registered_at
      }
      if (intent.assign_customer_number && !row.customer_number) {
        changes.customer_number = numbers.shift()
      }
      if (!createdIds.has(row.id) && Object.keys(changes).length) {
        applied.previous.push({
          id: row.id,
          ...Object.fromEntries(
            Object.keys(changes).map((key) => [
              key,
              row[key as keyof CustomerCredentialDTO] ?? null,
            ])
          ),
        })
      }
      return { id: row.id, ...changes }
    })
    const changed = updates.filter((update) => Object.keys(update).length > 1)
    const updated = changed.length
      ? await this.updateCustomerCredentials(changed as never, sharedContext)
      : []
    const byId = new Map(
      (updated as unknown as CustomerCredentialDTO[]).map((row) => [
        row.id,
        row,
      ])
    )
    return {
      credentials: intents.map((intent) => {
        const row = rowOf.get(intent.customer_id)!
        return byId.get(row.id) ?? row
      }),
      applied,
    }
  }

  /** Undoes `applyCredentialIntents`: restores changed rows, deletes created ones. */
  @InjectManager()
  async undoCredentialIntents(
    applied: AppliedCredentialIntents,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<void> {
    if (applied.previous.length) {
      await this.updateCustomerCredentials(
        applied.previous as never,
        sharedContext
      )
    }
    if (applied.created_ids.length) {
      await this.deleteCustomerCredentials(applied.created_ids, sharedContext)
    }
  }

  /** `CredentialStatements.beginSignInAttempt` (repositories/credential-statements.ts). */
  @InjectManager()
  async beginSignInAttempt(
    input: {
      customerId: string
      authIdentityId: string
      client?: SignInClient
    },
    rule: SignInLockRule,
    now: Date = new Date(),
    @MedusaContext() sharedContext: Context<EntityManager> = {}
  ): Promise<SignInAttempt | null> {
    return this.statements_.beginSignInAttempt(
      sharedContext.manager!,
      input,
      rule,
      now
    )
  }

  /** `CredentialStatements.settleSignInAttempt` (repositories/credential-statements.ts). */
  @InjectManager()
  async settleSignInAttempt(
    input: {
      credentialId: string
      signedInAt: Date | null
      event: CredentialEventInput
      client?: SignInClient
    },
    now: Date = new Date(),
    @MedusaContext() sharedContext: Context<EntityManager> = {}
  ): Promise<void> {
    return this.statements_.settleSignInAttempt(
      sharedContext.manager!,
      input,
      now
    )
  }

  /** `CredentialStatements.readSessionState` (repositories/credential-statements.ts). */
  @InjectManager()
  async readSessionState(
    input: {
      authIdentityId: string
      actorId: string
      loginCustomerId: string | null
    },
    @MedusaContext() sharedContext: Context<EntityManager> = {}
  ): Promise<SessionState> {
    return this.statements_.readSessionState(sharedContext.manager!, input)
  }

  /** `CredentialStatements.appendCredentialEvent` (repositories/credential-statements.ts). */
  @InjectManager()
  async appendCredentialEvent(
    event: CredentialEventInput,
    now: Date = new Date(),
    @MedusaContext() sharedContext: Context<EntityManager> = {}
  ): Promise<void> {
    return this.statements_.appendCredentialEvent(
      sharedContext.manager!,
      event,
      now
    )
  }

  /** `CredentialStatements.applyCredentialChange` (repositories/credential-statements.ts). */
  @InjectManager()
  async applyCredentialChange(
    input: {
      customerId: string
      changes: CredentialRowChanges
      keepExisting?: CredentialChangeColumn[]
      event: Omit<CredentialEventInput, "customer_id">
    },
    now: Date = new Date(),
    @MedusaContext() sharedContext: Context<EntityManager> = {}
  ): Promise<AppliedCredentialChange> {
    return this.statements_.applyCredentialChange(
      sharedContext.manager!,
      input,
      now
    )
  }

  /** `CredentialStatements.nextCustomerNumber` (repositories/credential-statements.ts). */
  @InjectManager()
  async nextCustomerNumber(
    @MedusaContext() sharedContext: Context<EntityManager> = {}
  ): Promise<string> {
    return this.statements_.nextCustomerNumber(sharedContext.manager!)
  }

  /** `CredentialStatements.nextCustomerNumbers` (repositories/credential-statements.ts). */
  @InjectManager()
  async nextCustomerNumbers(
    count: number,
    @MedusaContext() sharedContext: Context<EntityManager> = {}
  ): Promise<string[]> {
    return this.statements_.nextCustomerNumbers(sharedContext.manager!, count)
  }

  /** `CredentialStatements.claimBulkJob` (repositories/credential-statements.ts). */
  @InjectManager()
  async claimBulkJob(
    jobId: string,
    @MedusaContext() sharedContext: Context<EntityManager> = {}
  ): Promise<boolean> {
    return this.statements_.claimBulkJob(sharedContext.manager!, jobId)
  }

  /** `CredentialStatements.reclaimStaleBulkJobs` (repositories/credential-statements.ts). */
  @InjectManager()
  async reclaimStaleBulkJobs(
    staleBefore: Date,
    @MedusaContext() sharedContext: Context<EntityManager> = {}
  ): Promise<string[]> {
    return this.statements_.reclaimStaleBulkJobs(
      sharedContext.manager!,
      staleBefore
    )
  }

  /**
   * What an admin saved for the store (all null when nothing was saved).
   * Every sign-in reads it, so it is one plain query for the saved columns.
   */
  @InjectManager()
  async retrieveSavedSettings(
    storeId: string,
    @MedusaContext() sharedContext: Context<EntityManager> = {}
  ): Promise<SavedCredentialSettings> {
    // Inside saveSettings_'s transaction, read through it.
    const manager = (sharedContext.transactionManager ?? sharedContext.manager)!
    const [row] = await manager.execute(
      `SELECT ${SETTING_COLUMNS.join(", ")} FROM credential_settings
       WHERE store_id = ? AND deleted_at IS NULL LIMIT 1`,
      [storeId]
    )
    return Object.fromEntries(
      SETTING_COLUMNS.map((column) => [column, row?.[column] ?? null])
    ) as SavedCredentialSettings
  }

  /** The settings in force: saved values, then plugin options, then defaults. */
  @InjectManager()
  async retrieveEffectiveSettings(
    storeId: string,
    @MedusaContext() sharedContext: Context<EntityManager> = {}
  ): Promise<CredentialSettingsValues> {
    const load = async () =>
      this.resolveSettings_(
        await this.retrieveSavedSettings(storeId, sharedContext)
      )
    // Inside a transaction (saving settings), what it sees; otherwise what
    // is kept between announced changes.
    return sharedContext.transactionManager
      ? load()
      : this.keptSettings_.read(storeId, load)
  }

  protected resolveSettings_(
    saved: SavedCredentialSettings
  ): CredentialSettingsValues {
    return resolveSettings(saved, this.options_.settings)
  }

  /**
   * Writes the given settings for the store (creating its row on first save)
   * and returns what was saved before, for compensation.
   */
  @InjectManager()
  async saveSettings(
    storeId: string,
    patch: CredentialSettingsPatch | SavedCredentialSettings,
    @MedusaContext() sharedContext: Context<EntityManager> = {}
  ): Promise<{ previous: SavedCredentialSettings; created: boolean }> {
    const saved = await this.saveSettings_(storeId, patch, sharedContext)
    // This instance at once; the trigger's announcement, at commit, tells
    // every instance (this one again, should a read have come between).
    this.keptSettings_.forget()
    return saved
  }

  @InjectTransactionManager()
  protected async saveSettings_(
    storeId: string,
    patch: CredentialSettingsPatch | SavedCredentialSettings,
    @MedusaContext() sharedContext: Context<EntityManager> = {}
  ): Promise<{ previous: SavedCredentialSettings; created: boolean }> {
    const previous = await this.retrieveSavedSettings(storeId, sharedContext)
    // The model types a JSON column as a record; the domains are a list.
    const columns = (
      isSavedSettingsRow(patch) ? patch : toSettingColumns(patch, previous)
    ) as Partial<InferEntityType<typeof CredentialSettings>>

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
