// Two instances against one: what running the plugin on more than one
// server costs a sign-in.
//
//   node bench/sign-in-cluster.mjs   (BENCH_SECONDS per route and round,
//                                     BENCH_ROUNDS, BENCH_CONNECTIONS in all,
//                                     BENCH_REDIS_URL, default the local Redis)
//
// Two servers of this repository's app (`medusa start`, production mode,
// bench/lib.mjs) on one database and one Redis database, in the production
// shape several instances need (medusa-config.redis.ts: Redis event bus,
// workflow engine, locking, caching; the plugin's limits and lockout counts
// are PostgreSQL rows either way). Routes, each measured both ways:
//   plugin-one   POST /store/credentials/login, all connections to instance A
//   plugin-two   the same, half the connections to A and half to B, at once
//                (a round-robin client: each connection keeps to one server)
//   gated-one    POST /auth/customer/emailpass (core's route, the plugin's gates), A only
//   gated-two    the same, split over A and B
// The same total connections each way. B stays up, idle, during the "one"
// rounds; its CPU there is reported apart (idle_cpu_ms), not counted. CPU per
// sign-in is the serving instances' processes, the database's PostgreSQL
// backends, and the local redis-server (shared with anything else using it).
//
// On 2 cores one instance already fills both with scrypt, so the figure is
// overhead, not speed-up: two-instance sign-ins per second over one's
// (target >= 0.95) and the CPU per sign-in of each.
// EMAILPASS_HASH_CONFIG='{"logN":10,"r":8,"p":1}' (both instances read it,
// medusa-config.ts) makes scrypt cheap: what is left is the rest of a
// sign-in, the part the instances share through PostgreSQL and Redis.
import autocannon from "autocannon"
import { execFileSync } from "node:child_process"
import {
  adminAndStoreHeaders,
  alternate,
  countClusterCpu,
  emit,
  freshDatabase,
  load1,
  log,
  must,
  pluginCustomer,
  request,
  selectRoutes,
  sleep,
  startServer,
} from "./lib.mjs"

const DB = process.env.BENCH_DB ?? "medusa_credentials_bench_cluster"
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10)
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 4)
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 4)
const REDIS_URL = `${(process.env.BENCH_REDIS_URL ?? "redis://127.0.0.1:6379").replace(/\/\d*$/, "")}/13`
const PASSWORD = "Bench-Shopper-Passw0rd!"
const EMAIL = "cluster@bench.test"

if (CONNECTIONS % 2) {
  throw new Error("BENCH_CONNECTIONS must be even (half to each instance)")
}

log(`sign-in-cluster: two instances on ${DB} and ${REDIS_URL}`)
freshDatabase(DB)
execFileSync("redis-cli", ["-u", REDIS_URL, "flushdb"], { stdio: "ignore" })
const env = { REDIS_URL, MEDUSA_WORKER_MODE: "shared" }
// BENCH_PORTS=9320,9322: other ports, beside another bench's servers
const [portA, portB] = (process.env.BENCH_PORTS ?? "9310,9312")
  .split(",")
  .map(Number)
const a = await startServer(DB, portA, { env })
let b
try {
  b = await startServer(DB, portB, { env })
} catch (error) {
  await a.stop()
  throw error
}

/** autocannon on each of `servers` at once, `connections` each, for `seconds`. */
const run = async (servers, route, connections, seconds) => {
  const results = await Promise.all(
    servers.map((server) =>
      autocannon({
        url: `${server.url}${route.path}`,
        method: "POST",
        headers: { "content-type": "application/json", ...route.headers },
        body: JSON.stringify(route.body),
        connections,
        duration: seconds,
      })
    )
  )
  const total = results.reduce((sum, r) => sum + r.requests.total, 0)
  return {
    total,
    requests_per_second: results.reduce(
      (sum, r) => sum + r.requests.total / r.duration,
      0
    ),
    non_2xx: results.reduce((sum, r) => sum + r.non2xx, 0),
    errors: results.reduce((sum, r) => sum + r.errors, 0),
    // autocannon's percentiles per instance: the slower one's
    p50_ms: Math.max(...results.map((r) => r.latency.p50)),
    p99_ms: Math.max(...results.map((r) => r.latency.p99)),
    per_instance: results.map((r) => r.requests.total),
  }
}

try {
  const { admin, store } = await adminAndStoreHeaders(a.url)
  await pluginCustomer(a.url, admin, EMAIL, PASSWORD)
  // The customer, the key and the settings are rows: B signs in the same one.
  for (const server of [a, b]) {
    await must(
      request(
        `${server.url}/store/credentials/login`,
        "POST",
        { identifier: EMAIL, password: PASSWORD },
        store
      ),
      `sign-in on ${server.url}`
    )
  }

  const kinds = [
    {
      kind: "plugin",
      path: "/store/credentials/login",
      body: { identifier: EMAIL, password: PASSWORD },
      headers: store,
    },
    {
      kind: "gated",
      path: "/auth/customer/emailpass",
      body: { email: EMAIL, password: PASSWORD },
      headers: store,
    },
  ]
  const routes = kinds.flatMap((kind) => [
    { ...kind, name: `${kind.kind}-one`, servers: [a], idle: [b] },
    { ...kind, name: `${kind.kind}-two`, servers: [a, b], idle: [] },
  ])

  const warmed = new Set()
  const perRound = await alternate(routes, ROUNDS, async (route, round) => {
    if (!warmed.has(route.name)) {
      await run(route.servers, route, CONNECTIONS / route.servers.length, 4)
      warmed.add(route.name)
    }
    // autocannon stops on time and leaves requests running: let them end.
    await sleep(2000)
    log(
      `sign-in-cluster: round ${round + 1}/${ROUNDS} ${route.name} for ${SECONDS}s, ${CONNECTIONS} connections (load ${load1()})`
    )
    const load_before = load1()
    const cpu = countClusterCpu({
      pids: route.servers.map((server) => server.pid),
      db: DB,
      redis: true,
    })
    const idleCpu = route.idle.length
      ? countClusterCpu({ pids: route.idle.map((s) => s.pid), db: DB })
      : null
    const figures = await run(
      route.servers,
      route,
      CONNECTIONS / route.servers.length,
      SECONDS
    )
    const used = cpu(figures.total)
    const result = {
      ...figures,
      server_cpu_ms: used.server_cpu_ms,
      each_server_cpu_ms: used.each_server_cpu_ms,
      postgres_cpu_ms: used.postgres_cpu_ms,
      redis_cpu_ms: used.redis_cpu_ms ?? 0,
      ...(idleCpu ? { idle_cpu_ms: idleCpu(figures.total).server_cpu_ms } : {}),
      load_before,
      load_after: load1(),
    }
    emit({
      bench: "sign-in-cluster",
      route: route.name,
      path: route.path,
      instances: route.servers.length,
      round: round + 1,
      ...result,
    })
    return result
  })

  const combine = (rounds) => {
    const total = rounds.reduce((sum, r) => sum + r.total, 0)
    const seconds = rounds.reduce(
      (sum, r) => sum + r.total / r.requests_per_second,
      0
    )
    const weighted = (key) =>
      rounds.reduce((sum, r) => sum + (r[key] ?? 0) * r.total, 0) / total
    const mean = (key) =>
      rounds.reduce((sum, r) => sum + r[key], 0) / rounds.length
    return {
      rounds: rounds.length,
      requests_per_second: total / seconds,
      p50_ms: mean("p50_ms"),
      p99_ms: mean("p99_ms"),
      non_2xx: rounds.reduce((sum, r) => sum + r.non_2xx, 0),
      errors: rounds.reduce((sum, r) => sum + r.errors, 0),
      total,
      server_cpu_ms: weighted("server_cpu_ms"),
      postgres_cpu_ms: weighted("postgres_cpu_ms"),
      redis_cpu_ms: weighted("redis_cpu_ms"),
      idle_cpu_ms: weighted("idle_cpu_ms"),
      load_min: Math.min(...rounds.map((r) => r.load_before)),
      load_max: Math.max(
        ...rounds.map((r) => Math.max(r.load_before, r.load_after))
      ),
    }
  }
  const measured = selectRoutes(routes)
  const results = {}
  for (const route of measured) {
    results[route.name] = combine(perRound[route.name])
    emit({
      bench: "sign-in-cluster",
      route: route.name,
      path: route.path,
      server: route.servers.length === 1 ? "one instance" : "two instances",
      instances: route.servers.length,
      ...results[route.name],
    })
  }
  const cpuOf = (r) => r.server_cpu_ms + r.postgres_cpu_ms + r.redis_cpu_ms
  for (const { kind } of kinds) {
    const one = results[`${kind}-one`]
    const two = results[`${kind}-two`]
    if (!one || !two) {
      continue
    }
    emit({
      bench: "sign-in-cluster",
      ratio: `${kind}-two/${kind}-one`,
      // sign-ins per second of two instances over one's (target >= 0.95)
      speed_ratio: two.requests_per_second / one.requests_per_second,
      cpu_ratio: cpuOf(two) / cpuOf(one),
      p50_ratio: two.p50_ms / one.p50_ms,
      p99_ratio: two.p99_ms / one.p99_ms,
      per_round_speed_ratios: perRound[`${kind}-two`].map(
        (figures, i) =>
          figures.requests_per_second /
          perRound[`${kind}-one`][i].requests_per_second
      ),
      per_round_cpu_ratios: perRound[`${kind}-two`].map(
        (figures, i) => cpuOf(figures) / cpuOf(perRound[`${kind}-one`][i])
      ),
      target: 0.95,
      hash_config: process.env.EMAILPASS_HASH_CONFIG ?? "emailpass default",
    })
  }
} finally {
  await Promise.all([a.stop(), b.stop()])
}
