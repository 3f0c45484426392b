/**
 * The store's credential settings, read on every sign-in, registration and
 * reset, kept in memory between the changes PostgreSQL announces
 * (`credential-change-feed.ts`; migration `Migration20261129030000`'s
 * trigger on `credential_settings`). As `SessionStates`: nothing is kept
 * while the feed does not listen, and a load that a change overlapped is
 * used once but not kept.
 */
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
    if (this.kept.has(storeId)) {
      // A copy: a caller that changes what it got changes nothing kept.
      return structuredClone(this.kept.get(storeId)!)
    }
    const generation = this.generation
    const value = await load()
    if (this.listening && generation === this.generation) {
      this.kept.set(storeId, structuredClone(value))
    }
    return value
  }
}
