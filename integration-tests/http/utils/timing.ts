import Scrypt from "scrypt-kdf"

/**
 * Timing checks that a regression fails, on a loaded machine.
 *
 * What an attacker compares is two requests, one for an account and one
 * for no account. So the checks here send pairs: the two requests of a pair
 * one right after the other (same load), the order alternated from pair to
 * pair, and take the median of the pairs' differences (probe − reference).
 * A median ignores the pairs a busy machine spoiled; the difference ignores
 * load that lasts longer than a pair.
 *
 * The bound is stated in what a leak would cost. For sign-in it is a share
 * of D, one scrypt derivation with the store's parameters, measured here in
 * the same process as the server (the tests boot Medusa in-process) and
 * during the same pairs: a dummy derivation skipped, or one costing 70% of a
 * real one, moves the median by D or 0.3·D. For answers given before any
 * work (forgot-password, resend-activation) the bound is a few milliseconds:
 * core's leak was about 10 ms.
 *
 * A measurement that misses its bound is repeated once with the same
 * requests, and the test fails when the median of both measurements' pairs
 * misses it too: one burst of load on a shared machine does not fail it,
 * while a real leak moves the pooled median as much as either.
 */

export type ScryptParams = { logN: number; r: number; p: number }

export const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2
    ? sorted[middle]
    : (sorted[middle - 1] + sorted[middle]) / 2
}

const elapsedMs = (started: bigint) =>
  Number(process.hrtime.bigint() - started) / 1e6

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

const derivers = new Map<string, Promise<Buffer>>()

/** Milliseconds of one scrypt check (a derivation and a compare) with `params`. */
export const timeOneDerivation = async (
  params: ScryptParams
): Promise<number> => {
  const key = `${params.logN}:${params.r}:${params.p}`
  let hash = derivers.get(key)
  if (!hash) {
    hash = Scrypt.kdf("timing-reference", params)
    derivers.set(key, hash)
  }
  const ready = await hash
  const started = process.hrtime.bigint()
  await Scrypt.verify(ready, "not-the-password")
  return elapsedMs(started)
}

export type PairedTiming = {
  /** Median of probe − reference over the pairs, in ms. */
  difference: number
  reference: number
  probe: number
  /** Median of one derivation measured between the pairs (when asked). */
  derivation?: number
  pairs: number
  /** Each pair's difference, and each derivation, as measured. */
  samples: { differences: number[]; derivations: number[] }
}

/**
 * Times `request` for each pair [reference, probe], back to back, the order
 * alternated. `check` sees every answer (status, body). With `derivation`,
 * one scrypt check with those parameters is timed after each pair. `gapMs`
 * waits before each request, so the work a route does after answering
 * (forgot-password's token, resend's code) is over before the next one.
 */
export const timePairs = async <R>(options: {
  pairs: [string, string][]
  request: (identifier: string) => Promise<R>
  check: (response: R, identifier: string) => void
  warmUp?: string[]
  derivation?: ScryptParams
  gapMs?: number
}): Promise<PairedTiming> => {
  const { pairs, request, check, gapMs = 0 } = options
  for (const identifier of options.warmUp ?? []) {
    // The first requests pay for lazy loading.
    await request(identifier)
  }
  if (options.derivation) {
    await timeOneDerivation(options.derivation)
  }
  const differences: number[] = []
  const times = { reference: [] as number[], probe: [] as number[] }
  const derivations: number[] = []
  for (let i = 0; i < pairs.length; i++) {
    const [reference, probe] = pairs[i]
    const order =
      i % 2
        ? ([
            ["probe", probe],
            ["reference", reference],
          ] as const)
        : ([
            ["reference", reference],
            ["probe", probe],
          ] as const)
    const pair = { reference: 0, probe: 0 }
    for (const [kind, identifier] of order) {
      if (gapMs) {
        await pause(gapMs)
      }
      const started = process.hrtime.bigint()
      const response = await request(identifier)
      pair[kind] = elapsedMs(started)
      check(response, identifier)
    }
    differences.push(pair.probe - pair.reference)
    times.reference.push(pair.reference)
    times.probe.push(pair.probe)
    if (options.derivation) {
      derivations.push(await timeOneDerivation(options.derivation))
    }
  }
  return {
    difference: median(differences),
    reference: median(times.reference),
    probe: median(times.probe),
    derivation: derivations.length ? median(derivations) : undefined,
    pairs: pairs.length,
    samples: { differences, derivations },
  }
}

/** Two measurements as one: medians over both measurements' pairs. */
const pooled = (first: PairedTiming, second: PairedTiming): PairedTiming => {
  const differences = [
    ...first.samples.differences,
    ...second.samples.differences,
  ]
  const derivations = [
    ...first.samples.derivations,
    ...second.samples.derivations,
  ]
  return {
    difference: median(differences),
    reference: (first.reference + second.reference) / 2,
    probe: (first.probe + second.probe) / 2,
    derivation: derivations.length ? median(derivations) : undefined,
    pairs: differences.length,
    samples: { differences, derivations },
  }
}

/**
 * Runs `measure` and asks that |median difference| < `bound(timing)`; on a
 * miss, measures once more and asks it of both measurements' pairs together
 * (then fails). Writes each measurement to stdout, prefixed `timing:`.
 */
export const expectSameTime = async (
  label: string,
  measure: () => Promise<PairedTiming>,
  bound: (timing: PairedTiming) => { ms: number; says: string }
): Promise<PairedTiming> => {
  let first: PairedTiming | undefined
  for (let attempt = 1; ; attempt++) {
    const measured = await measure()
    const timing = first ? pooled(first, measured) : measured
    first = measured
    const limit = bound(timing)
    const within = Math.abs(timing.difference) < limit.ms
    process.stdout.write(
      `timing: ${label}: median difference ${timing.difference.toFixed(1)} ms ` +
        `(reference ${timing.reference.toFixed(1)} ms, probe ${timing.probe.toFixed(1)} ms` +
        (timing.derivation !== undefined
          ? `, one derivation ${timing.derivation.toFixed(1)} ms`
          : "") +
        `, ${timing.pairs} pairs${attempt === 2 ? ", both measurements" : ""}), bound ${limit.ms.toFixed(1)} ms (${limit.says})` +
        `${within ? "" : attempt === 1 ? ": measuring again" : ": FAILED"}\n`
    )
    if (within) {
      return timing
    }
    if (attempt === 2) {
      throw new Error(
        `${label}: the median difference ${timing.difference.toFixed(1)} ms over both measurements is not within ±${limit.ms.toFixed(1)} ms (${limit.says})`
      )
    }
  }
}

/** A quarter of one derivation: a dummy check skipped, or costing 70%, is past it. */
export const quarterDerivation = (timing: PairedTiming) => ({
  ms: 0.25 * (timing.derivation ?? NaN),
  says: "0.25 × one derivation",
})
