import type { Logger } from "@medusajs/framework/types"

/**
 * The channel on which PostgreSQL announces a change to what the plugin
 * keeps in memory (the token gate's session states, the store's settings):
 * the plugin's tables by trigger (migration `Migration20261129030000`), a
 * login's session epoch by its one writer
 * (`src/workflows/shared/utils/login-sessions.ts`, through `announceLoginChanges`).
 * A NOTIFY is delivered when its transaction commits, to every server
 * instance on the database, so an instance forgets what it kept of a login
 * as soon as the change is visible.
 */
export const CREDENTIAL_CHANGES_CHANNEL = "customer_credentials_changed"

/**
 * Payloads: `login:<auth identity id>`, `customer:<customer id>` or
 * `settings:<store id>`.
 */
export const loginChange = (authIdentityId: string) => `login:${authIdentityId}`

/** What is told of the feed: whether it listens, and each change. */
export type ChangeListener = {
  /** false: changes may be missed from now on; forget everything. */
  setListening(listening: boolean): void
  /** `kind` "" for a payload this version does not know: forget everything. */
  changed(kind: string, id: string): void
}

type PgNotification = { channel: string; payload?: string }

type PgClient = {
  connect(): Promise<unknown>
  query(sql: string): Promise<unknown>
  end(): Promise<void>
  on(event: "notification", listener: (message: PgNotification) => void): void
  on(event: "error" | "end", listener: (error?: Error) => void): void
  removeAllListeners(): void
}

/** The module's knex connection, as Medusa gives it to a module. */
export type KnexConnection = {
  client: {
    driver: { Client: new (settings: unknown) => PgClient }
    connectionSettings: unknown
  }
}

/** 50 ms, then doubling to at most 2 s, until a connection listens. */
const reconnectDelay = (attempt: number) => Math.min(2_000, 50 * 2 ** attempt)

/**
 * Listens on its own connection (made with the module's connection settings:
 * the same URL, SSL and timeouts), and tells `listener` what changed.
 */
export class CredentialChangeFeed {
  protected client: PgClient | null = null
  protected stopped = true
  protected retry: NodeJS.Timeout | null = null
  protected attempts = 0

  constructor(
    protected readonly connection: KnexConnection | undefined,
    protected readonly listener: ChangeListener,
    protected readonly logger: Logger | undefined
  ) {}

  async start() {
    if (!this.connection?.client?.driver || !this.stopped) {
      return
    }
    this.stopped = false
    await this.connect()
  }

  async stop() {
    this.stopped = true
    if (this.retry) {
      clearTimeout(this.retry)
      this.retry = null
    }
    this.listener.setListening(false)
    const client = this.client
    this.client = null
    if (client) {
      client.removeAllListeners()
      await client.end().catch(() => undefined)
    }
  }

  protected async connect() {
    const { driver, connectionSettings } = this.connection!.client
    const client = new driver.Client(connectionSettings)
    const lost = (error?: Error) => {
      if (this.client !== client) {
        return
      }
      this.client = null
      this.listener.setListening(false)
      client.removeAllListeners()
      client.end().catch(() => undefined)
      if (!this.stopped) {
        if (this.attempts === 0) {
          this.logger?.warn(
            `customer credentials: the change feed lost its connection${error ? ` (${error.message})` : ""}; token checks read the database until it is back`
          )
        }
        this.retry = setTimeout(() => {
          this.retry = null
          this.connect().catch(() => undefined)
        }, reconnectDelay(this.attempts++))
      }
    }
    client.on("error", lost)
    client.on("end", lost)
    client.on("notification", (message) => this.announce(message.payload))
    this.client = client
    try {
      await client.connect()
      await client.query(`LISTEN ${CREDENTIAL_CHANGES_CHANNEL}`)
    } catch (error) {
      lost(error as Error)
      return
    }
    if (this.client === client && !this.stopped) {
      this.attempts = 0
      this.listener.setListening(true)
    }
  }

  protected announce(payload: string | undefined) {
    const separator = payload?.indexOf(":") ?? -1
    const kind = separator > 0 ? payload!.slice(0, separator) : ""
    const id = separator > 0 ? payload!.slice(separator + 1) : ""
    this.listener.changed(id ? kind : "", id)
  }
}
