/**
 * Runs `task` over `items` with at most `limit` at a time and returns the
 * results in order, each either `{ ok: true, value }` or `{ ok: false, error }`:
 * one item's failure never stops the others.
 */
export const mapSettledWithLimit = async <T, R>(
  items: readonly T[],
  limit: number,
  task: (item: T) => Promise<R>
): Promise<({ ok: true; value: R } | { ok: false; error: unknown })[]> => {
  const results: ({ ok: true; value: R } | { ok: false; error: unknown })[] =
    new Array(items.length)
  let next = 0
  const worker = async () => {
    while (next < items.length) {
      const index = next++
      try {
        results[index] = { ok: true, value: await task(items[index]) }
      } catch (error) {
        results[index] = { ok: false, error }
      }
    }
  }
  await Promise.all(
    Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker)
  )
  return results
}
