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

const load = (r) =>
  typeof r.load_min === "number"
    ? `; load ${f(r.load_min, 1)}-${f(r.load_max, 1)}`
    : ""
const perRound = (r) =>
  Array.isArray(r.per_round_throughput_ratios)
    ? ` (rounds ${r.per_round_throughput_ratios.map((x) => f(x, 2)).join(", ")})`
    : ""

const rows = []
/** One route's or variant's figures, and then its ratios to the baseline. */
const section = (bench, names, label, unit, ratioNames) => {
  for (const name of names) {
    const r = find(
      (l) =>
        l.bench === bench &&
        (l.route ?? l.variant) === name &&
        l.rounds !== undefined
    )
    if (!r.bench) {
      continue
    }
    rows.push([
      `${bench} ${name}${r.path ? ` (${r.server} ${r.path})` : ""}`,
      `${f(r[unit])} ${label}`,
      `p50 ${f(r.p50_ms, 0)} ms, p99 ${f(r.p99_ms, 0)} ms`,
      `CPU ${f(r.server_cpu_ms)} ms server + ${f(r.postgres_cpu_ms)} ms PostgreSQL` +
        (r.failures ? `; ${r.failures} failed` : "") +
        (r.unexpected_status
          ? `; ${r.unexpected_status} unexpected status`
          : "") +
        load(r),
    ])
  }
  for (const which of ratioNames) {
    const r = find((l) => l.bench === bench && l.ratio === which)
    if (!r.bench) {
      continue
    }
    rows.push([
      `${bench} ${which}`,
      `${f(r.throughput_ratio, 2)}x time per operation${perRound(r)}`,
      `p50 ${f(r.p50_ratio, 2)}x, p99 ${f(r.p99_ratio, 2)}x, CPU ${f(r.cpu_ratio, 2)}x`,
      r.target
        ? `target <= ${r.target}x: ${verdict(r.throughput_ratio <= r.target)}`
        : "",
    ])
  }
}
section(
  "sign-in",
  ["stock", "plugin", "gated", "admin-stock", "admin-plugin"],
  "req/s",
  "requests_per_second",
  ["plugin/stock", "gated/stock", "admin-plugin/admin-stock"]
)
section(
  "customer-me",
  ["stock", "plugin", "anon-stock", "anon-plugin"],
  "req/s",
  "requests_per_second",
  ["plugin/stock", "anon-plugin/anon-stock"]
)
section(
  "registration",
  ["stock", "plugin", "unconfirmed", "gated"],
  "reg/s",
  "registrations_per_second",
  ["plugin/stock", "unconfirmed/stock", "gated/stock"]
)
// Two instances against one (bench/sign-in-cluster.mjs): the same total
// connections; CPU is the serving instances + PostgreSQL + Redis.
for (const name of ["plugin-one", "plugin-two", "gated-one", "gated-two"]) {
  const r = find(
    (l) =>
      l.bench === "sign-in-cluster" &&
      l.route === name &&
      l.rounds !== undefined
  )
  if (r.bench) {
    rows.push([
      `sign-in-cluster ${name} (${r.server} ${r.path})`,
      `${f(r.requests_per_second)} req/s`,
      `p50 ${f(r.p50_ms, 0)} ms, p99 ${f(r.p99_ms, 0)} ms`,
      `CPU ${f(r.server_cpu_ms)} ms server + ${f(r.postgres_cpu_ms)} ms PostgreSQL + ${f(r.redis_cpu_ms)} ms Redis${load(r)}`,
    ])
  }
}
for (const which of ["plugin-two/plugin-one", "gated-two/gated-one"]) {
  const r = find((l) => l.bench === "sign-in-cluster" && l.ratio === which)
  if (r.bench) {
    rows.push([
      `sign-in-cluster ${which}`,
      `${f(r.speed_ratio, 2)}x sign-ins/s (rounds ${r.per_round_speed_ratios.map((x) => f(x, 2)).join(", ")})`,
      `CPU per sign-in ${f(r.cpu_ratio, 2)}x`,
      `target >= ${r.target}x: ${verdict(r.speed_ratio >= r.target)}`,
    ])
  }
}
// The caching module on and off (bench/publishable-key-cache.mjs).
for (const name of ["me-on", "me-off", "login-on", "login-off"]) {
  const r = find(
    (l) =>
      l.bench === "publishable-key-cache" &&
      l.route === name &&
      l.rounds !== undefined
  )
  if (r.bench) {
    rows.push([
      `publishable-key-cache ${name} (${r.server} ${r.path})`,
      `${f(r.requests_per_second)} req/s, ${f(r.postgres_transactions_per_request, 2)} PostgreSQL transactions/req`,
      `p50 ${f(r.p50_ms, 0)} ms, p99 ${f(r.p99_ms, 0)} ms`,
      `CPU ${f(r.server_cpu_ms, 2)} ms server + ${f(r.postgres_cpu_ms, 2)} ms PostgreSQL + ${f(r.redis_cpu_ms, 2)} ms Redis${load(r)}`,
    ])
  }
}
for (const which of ["me-on/me-off", "login-on/login-off"]) {
  const r = find(
    (l) => l.bench === "publishable-key-cache" && l.ratio === which
  )
  if (r.bench) {
    rows.push([
      `publishable-key-cache ${which}`,
      `${f(r.throughput_ratio, 2)}x time per request${perRound(r)}`,
      `CPU ${f(r.cpu_ratio, 2)}x (${f(r.cpu_saved_ms, 2)} ms saved: ${f(r.server_cpu_saved_ms, 2)} server, ${f(r.postgres_cpu_saved_ms, 2)} PostgreSQL)`,
      `${f(r.transactions_saved, 2)} PostgreSQL transactions saved`,
    ])
  }
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
  // absent when only some benchmarks ran
  if (r.bench)
    rows.push([
      `bulk generate_credentials ${r.customers ?? ""}`,
      `${f(r.seconds)} s (${f(r.customers_per_second)}/s)`,
      `scrypt ceiling ${f(r.ceiling_per_second)}/s on ${r.cores} cores (one derivation ${f(r.scrypt_ms)} ms); logN ${r.scrypt?.logN} r ${r.scrypt?.r} p ${r.scrypt?.p}`,
      `${f(100 * r.share_of_ceiling, 0)}% of ceiling, target >= ${f(100 * (r.target_share ?? 0.85), 0)}%: ${verdict(r.share_of_ceiling >= (r.target_share ?? 0.85))}`,
    ])
}

for (const r of lines.filter((l) => l.machine)) {
  rows.push([
    `load before ${r.machine}`,
    `${r.load} (1, 5, 15 min)`,
    `${r.cores} cores`,
    "",
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
