/**
 * The store's credential settings, read on every sign-in, registration and
 * reset, kept in memory between the changes PostgreSQL announces
 * (`credential-change-feed.ts`; migration `Migration20261129030000`'s
 * trigger on `credential_settings`). As `SessionStates`: nothing is kept
 * while the feed does not listen, and a load that a change overlapped is
 * used once but not kept.
 */
/** The value and everything in it made read-only, in place. */
const deepFreeze = <T>(value: T): T => {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value)
    for (const inner of Object.values(value)) {
      deepFreeze(inner)
    }
  }
  return value
}

export class KeptSettings<T> {
  protected readonly kept = new Map<string, T>()
  protected generation = 0
  protected listening = false

  setListening(listening: boolean) {
    this.listening = listening
    this.forget()
  }

  forget() {
    this.generation++
    this.kept.clear()
  }

  async read(storeId: string, load: () => Promise<T>): Promise<T> {
    if (!this.listening) {
      return load()
    }
    const kept = this.kept.get(storeId)
    if (kept) {
      return kept
    }
    const generation = this.generation
    // Frozen: a caller that tries to change what it got (kept and handed to
    // every later caller) fails at once instead of changing the store's
    // settings for everyone; cheaper than a copy per read.
    const value = deepFreeze(await load())
    if (this.listening && generation === this.generation) {
      this.kept.set(storeId, value)
    }
    return value
  }
}
