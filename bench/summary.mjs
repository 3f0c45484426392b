// Reads the benchmarks' JSON lines (stdin) and prints the summary table.
import { readFileSync } from "node:fs"

const lines = readFileSync(0, "utf8")
  .split("\n")
  .filter((line) => line.startsWith("{"))
  .map((line) => JSON.parse(line))
const find = (test) => lines.find(test) ?? {}
const f = (value, digits = 1) =>
  typeof value === "number" ? value.toFixed(digits) : "—"
const verdict = (ok) => (ok ? "met" : "MISSED")

const rows = []
for (const route of ["core", "plugin", "gated"]) {
  const r = find((l) => l.bench === "sign-in" && l.route === route)
  rows.push([
    `sign-in ${route} (${r.path ?? ""})`,
    `${f(r.requests_per_second)} req/s`,
    `p50 ${f(r.p50_ms, 0)} ms, p99 ${f(r.p99_ms, 0)} ms`,
    `CPU ${f(r.server_cpu_ms)} ms server + ${f(r.postgres_cpu_ms)} ms PostgreSQL`,
  ])
}
for (const which of ["plugin/core", "gated/core"]) {
  const r = find((l) => l.bench === "sign-in" && l.ratio === which)
  rows.push([
    `sign-in ${which}`,
    `${f(r.throughput_ratio, 2)}x time per sign-in`,
    `p50 ${f(r.p50_ratio, 2)}x, p99 ${f(r.p99_ratio, 2)}x, CPU ${f(r.cpu_ratio, 2)}x`,
    `target <= 1.05x: ${verdict(r.throughput_ratio <= 1.05)}`,
  ])
}
for (const variant of ["stock", "plugin"]) {
  const r = find((l) => l.bench === "registration" && l.variant === variant)
  rows.push([
    `registration ${variant}`,
    `${f(r.registrations_per_second)} reg/s`,
    `p50 ${f(r.p50_ms, 0)} ms, p99 ${f(r.p99_ms, 0)} ms`,
    `CPU ${f(r.server_cpu_ms)} ms server + ${f(r.postgres_cpu_ms)} ms PostgreSQL` +
      (r.failures ? `; ${r.failures} failed` : ""),
  ])
}
{
  const r = find((l) => l.bench === "registration" && l.ratio)
  rows.push([
    "registration plugin/stock",
    `${f(r.throughput_ratio, 2)}x time per registration`,
    `p50 ${f(r.p50_ratio, 2)}x, p99 ${f(r.p99_ratio, 2)}x, CPU ${f(r.cpu_ratio, 2)}x`,
    `target <= 1.1x: ${verdict(r.throughput_ratio <= 1.1)}`,
  ])
}
const activations = lines.filter(
  (l) => l.bench === "bulk" && l.action === "send_activation" && l.customers
)
const heap = (r) =>
  r.heap_cap_mb ? ` (heap capped at ${r.heap_cap_mb} MB)` : ""
for (const r of activations) {
  rows.push([
    `bulk send_activation ${r.customers}${heap(r)}`,
    `${f(r.seconds)} s (${f(r.customers_per_second, 0)}/s)`,
    `peak RSS ${f(r.peak_rss_mb, 0)} MB (idle ${f(r.baseline_rss_mb, 0)} MB)`,
    // The time target is for the server as a merchant runs it; the capped
    // run only shows what a run keeps alive.
    r.customers >= 10_000 && !r.heap_cap_mb
      ? `target < 60 s: ${verdict(r.seconds < 60 && r.status === "completed")}`
      : "",
  ])
}
for (const r of lines.filter(
  (l) => l.bench === "bulk" && l.check === "emails"
)) {
  rows.push([
    `bulk send_activation memory${heap(r)}`,
    `peak 10k / peak 1k = ${f(r.peak_rss_ratio_large_over_small, 2)}`,
    `${r.notifications_created ?? "—"} of ${r.expected ?? "—"} emails`,
    "",
  ])
}
{
  const r = find(
    (l) => l.bench === "bulk" && l.action === "generate_credentials"
  )
  rows.push([
    `bulk generate_credentials ${r.customers ?? ""}`,
    `${f(r.seconds)} s (${f(r.customers_per_second)}/s)`,
    `ceiling ${r.cores} cores / ${f(r.scrypt_ms)} ms = ${f(r.ceiling_per_second)}/s; scrypt logN ${r.scrypt?.logN} r ${r.scrypt?.r} p ${r.scrypt?.p}`,
    `${f(100 * r.share_of_ceiling, 0)}% of ceiling, target >= 80%: ${verdict(r.share_of_ceiling >= 0.8)}`,
  ])
}

const widths = [0, 1, 2, 3].map((i) =>
  Math.max(...rows.map((row) => row[i].length))
)
for (const row of rows) {
  console.log(
    row
      .map((cell, i) => cell.padEnd(widths[i]))
      .join(" | ")
      .trimEnd()
  )
}
