// What scrypt alone does on this machine now, in a fresh process of its own
// (bench/bulk-onboarding.mjs runs it between its rounds):
//
//   node bench/scrypt-ceiling.mjs '{"logN":15,"r":8,"p":1}' SECONDS
//
// prints { one_ms, parallel_per_second }: one derivation's time (median of
// 8, one at a time) and the derivations per second with one running per core
// for SECONDS, with scrypt-kdf, as core's emailpass provider hashes.
import { availableParallelism } from "node:os"
import Scrypt from "scrypt-kdf"

const params = JSON.parse(process.argv[2])
const seconds = Number(process.argv[3] ?? 8)

await Scrypt.kdf("warm-up", params)
const times = []
for (let i = 0; i < 8; i++) {
  const start = performance.now()
  await Scrypt.kdf(`password-${i}`, params)
  times.push(performance.now() - start)
}
times.sort((a, b) => a - b)

let derived = 0
const start = performance.now()
const until = start + seconds * 1000
await Promise.all(
  Array.from({ length: availableParallelism() }, async (_, worker) => {
    while (performance.now() < until) {
      await Scrypt.kdf(`password-${worker}-${derived}`, params)
      derived += 1
    }
  })
)
const elapsed = (performance.now() - start) / 1000

console.log(
  JSON.stringify({
    one_ms: times[Math.floor(times.length / 2)],
    parallel_per_second: derived / elapsed,
  })
)
