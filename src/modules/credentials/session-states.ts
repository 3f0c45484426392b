/**
 * What the token gate reads about a signed-in login on every request (its
 * session epoch, its sign-in switches, its temporary password, its B2B
 * reference to the account), kept in memory between the changes that
 * PostgreSQL announces (`credential-change-feed.ts`), so that a request
 * whose login did not change reads nothing.
 *
 * Correct only while the change feed listens: `read` loads afresh whenever
 * the feed is not listening, and everything kept is dropped when it stops or
 * reconnects. A load that overlaps a change is used for its request but not
 * kept (the change may have been announced before the load returned).
 * Entries live at most `ttlMs`, for what no announcement covers.
 */
export type SessionStateKey = {
  authIdentityId: string
  actorId: string
  loginCustomerId: string | null
}

type Entry<T> = {
  value: T
  expiresAt: number
  customers: string[]
}

export class SessionStates<T> {
  protected readonly entries = new Map<string, Entry<T>>()
  /** Keys by login and by customer, for the announcements. */
  protected readonly byLogin = new Map<string, Set<string>>()
  protected readonly byCustomer = new Map<string, Set<string>>()
  /** Advances with every forgetting: a load that saw it move is not kept. */
  protected generation = 0
  protected listening = false

  constructor(
    protected readonly ttlMs = 30_000,
    protected readonly maxEntries = 50_000,
    protected readonly now: () => number = Date.now
  ) {}

  /** The feed listens (true) or stopped listening (false: forget all). */
  setListening(listening: boolean) {
    this.listening = listening
    this.forgetAll()
  }

  async read(key: SessionStateKey, load: () => Promise<T>): Promise<T> {
    if (!this.listening) {
      return load()
    }
    const id = keyOf(key)
    const kept = this.entries.get(id)
    if (kept && kept.expiresAt > this.now()) {
      return kept.value
    }
    const generation = this.generation
    const value = await load()
    if (this.listening && generation === this.generation) {
      this.keep(id, key, value)
    }
    return value
  }

  /** A login's sessions or references changed. */
  forgetLogin(authIdentityId: string) {
    this.forgetKeys(this.byLogin.get(authIdentityId))
  }

  /** A customer's credential row changed. */
  forgetCustomer(customerId: string) {
    this.forgetKeys(this.byCustomer.get(customerId))
  }

  forgetAll() {
    this.generation++
    this.entries.clear()
    this.byLogin.clear()
    this.byCustomer.clear()
  }

  get size() {
    return this.entries.size
  }

  protected keep(id: string, key: SessionStateKey, value: T) {
    if (this.entries.size >= this.maxEntries) {
      // The oldest kept (a Map iterates in insertion order).
      this.remove(this.entries.keys().next().value as string)
    }
    const customers = [
      ...new Set([key.actorId, key.loginCustomerId ?? key.actorId]),
    ].filter(Boolean)
    this.remove(id)
    this.entries.set(id, {
      value,
      expiresAt: this.now() + this.ttlMs,
      customers,
    })
    index(this.byLogin, key.authIdentityId, id)
    for (const customer of customers) {
      index(this.byCustomer, customer, id)
    }
  }

  protected forgetKeys(ids: Set<string> | undefined) {
    this.generation++
    for (const id of [...(ids ?? [])]) {
      this.remove(id)
    }
  }

  protected remove(id: string) {
    const entry = this.entries.get(id)
    if (!entry) {
      return
    }
    this.entries.delete(id)
    unindex(this.byLogin, loginOf(id), id)
    for (const customer of entry.customers) {
      unindex(this.byCustomer, customer, id)
    }
  }
}

const SEPARATOR = "\u0000"

const keyOf = (key: SessionStateKey) =>
  [key.authIdentityId, key.actorId, key.loginCustomerId ?? ""].join(SEPARATOR)

const loginOf = (id: string) => id.split(SEPARATOR)[0]

const index = (map: Map<string, Set<string>>, name: string, id: string) => {
  const ids = map.get(name) ?? new Set<string>()
  ids.add(id)
  map.set(name, ids)
}

const unindex = (map: Map<string, Set<string>>, name: string, id: string) => {
  const ids = map.get(name)
  ids?.delete(id)
  if (ids && !ids.size) {
    map.delete(name)
  }
}
