// What Medusa's caching module saves a /store request: core's publishable-key
// middleware (@medusajs/framework ensurePublishableApiKeyMiddleware) asks
// `query.graph` for the key and its sales channels with a `cache` option;
// with the `caching` feature flag on and a caching module registered, Query
// answers it from the cache (`@Cached` in @medusajs/utils), else from
// PostgreSQL.
//
//   node bench/publishable-key-cache.mjs   (BENCH_SECONDS per route and round,
//                                           BENCH_ROUNDS, BENCH_CONNECTIONS,
//                                           BENCH_REDIS_URL, default the local Redis)
//
// Two servers of this repository's app, each on a fresh database and a Redis
// database of its own, both in the production shape (medusa-config.redis.ts:
// Redis event bus, workflow engine, locking, caching module registered):
//   on    as shipped with REDIS_URL (featureFlags.caching: true)
//   off   the same, with MEDUSA_FF_CACHING=false (Medusa's own switch of the
//         flag, read before the config's): Query goes to PostgreSQL
// Routes, each on both servers:
//   me     GET /store/customers/me with a customer's bearer token (the
//          plugin's token gate keeps what it read: its own reads are not
//          repeated per request)
//   login  POST /store/credentials/login (the plugin's sign-in, one scrypt)
// Figures: PostgreSQL transactions per request (pg_stat_database, from a
// quiet run of sequential requests), and, under load, requests per second,
// CPU per request of the server, its PostgreSQL backends and the local
// redis-server (shared with anything else using it).
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
  postgresTransactions,
  request,
  selectRoutes,
  sleep,
  startServer,
} from "./lib.mjs"

const DB = process.env.BENCH_DB ?? "medusa_credentials_bench_cache"
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10)
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 4)
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 4)
const PROBE = Number(process.env.BENCH_PROBE_REQUESTS ?? 200)
const REDIS_BASE = (
  process.env.BENCH_REDIS_URL ?? "redis://127.0.0.1:6379"
).replace(/\/\d*$/, "")
const PASSWORD = "Bench-Shopper-Passw0rd!"
const EMAIL = "cache@bench.test"

const start = async (name, port, redisDb, extra) => {
  const db = `${DB}_${name}`
  const redisUrl = `${REDIS_BASE}/${redisDb}`
  freshDatabase(db)
  execFileSync("redis-cli", ["-u", redisUrl, "flushdb"], { stdio: "ignore" })
  const server = await startServer(db, port, {
    env: { REDIS_URL: redisUrl, MEDUSA_WORKER_MODE: "shared", ...extra },
  })
  return { ...server, name, redisUrl }
}

log("publishable-key-cache: caching on and off, production shape")
const on = await start("on", 9310, 14, {})
let off
try {
  off = await start("off", 9311, 15, { MEDUSA_FF_CACHING: "false" })
} catch (error) {
  await on.stop()
  throw error
}

const redisKeys = (server) =>
  Number(
    execFileSync("redis-cli", ["-u", server.redisUrl, "dbsize"], {
      encoding: "utf8",
    }).trim()
  )

try {
  const routesOf = async (server) => {
    const { admin, store } = await adminAndStoreHeaders(server.url)
    await pluginCustomer(server.url, admin, EMAIL, PASSWORD)
    const login = {
      method: "POST",
      path: "/store/credentials/login",
      body: { identifier: EMAIL, password: PASSWORD },
      headers: store,
    }
    const { token } = await must(
      request(`${server.url}${login.path}`, "POST", login.body, store),
      "sign-in"
    )
    const me = {
      method: "GET",
      path: "/store/customers/me",
      headers: { ...store, authorization: `Bearer ${token}` },
    }
    return [
      { ...me, kind: "me", name: `me-${server.name}`, server },
      { ...login, kind: "login", name: `login-${server.name}`, server },
    ]
  }
  const routes = [...(await routesOf(on)), ...(await routesOf(off))]
  const send = (route) =>
    request(
      `${route.server.url}${route.path}`,
      route.method,
      route.body,
      route.headers
    )

  // PostgreSQL transactions per request: sequential requests on both servers
  // at once, counted once each backend has reported (idle backends report
  // within about 10 s).
  const statements = {}
  for (const kind of ["me", "login"]) {
    const pair = routes.filter((route) => route.kind === kind)
    const probe = kind === "login" ? Math.min(PROBE, 50) : PROBE
    for (const route of pair) {
      await must(send(route), route.name)
    }
    await sleep(11_000)
    const before = pair.map((route) => postgresTransactions(route.server.db))
    await Promise.all(
      pair.map(async (route) => {
        for (let i = 0; i < probe; i++) {
          await must(send(route), route.name)
        }
      })
    )
    await sleep(11_000)
    pair.forEach((route, i) => {
      statements[route.name] =
        (postgresTransactions(route.server.db) - before[i]) / probe
      emit({
        bench: "publishable-key-cache",
        probe: route.name,
        path: route.path,
        requests: probe,
        postgres_transactions_per_request: statements[route.name],
        redis_keys: redisKeys(route.server),
      })
    })
  }

  const perRound = await alternate(routes, ROUNDS, async (route, round) => {
    const run = (seconds) =>
      autocannon({
        url: `${route.server.url}${route.path}`,
        method: route.method,
        headers: { "content-type": "application/json", ...route.headers },
        body: route.body === undefined ? undefined : JSON.stringify(route.body),
        connections: CONNECTIONS,
        duration: seconds,
      })
    if (round === 0) {
      await run(3)
    }
    await sleep(route.kind === "login" ? 2000 : 1000)
    log(
      `publishable-key-cache: round ${round + 1}/${ROUNDS} ${route.name} for ${SECONDS}s (load ${load1()})`
    )
    const load_before = load1()
    const cpu = countClusterCpu({
      pids: [route.server.pid],
      db: route.server.db,
      redis: true,
    })
    const result = await run(SECONDS)
    const used = cpu(result.requests.total)
    const figures = {
      total: result.requests.total,
      requests_per_second: result.requests.total / result.duration,
      p50_ms: result.latency.p50,
      p99_ms: result.latency.p99,
      non_2xx: result.non2xx,
      errors: result.errors,
      server_cpu_ms: used.server_cpu_ms,
      postgres_cpu_ms: used.postgres_cpu_ms,
      redis_cpu_ms: used.redis_cpu_ms ?? 0,
      load_before,
      load_after: load1(),
    }
    emit({
      bench: "publishable-key-cache",
      route: route.name,
      path: route.path,
      round: round + 1,
      ...figures,
    })
    return figures
  })

  const results = {}
  for (const route of selectRoutes(routes)) {
    const rounds = perRound[route.name]
    const total = rounds.reduce((sum, r) => sum + r.total, 0)
    const weighted = (key) =>
      rounds.reduce((sum, r) => sum + r[key] * r.total, 0) / total
    results[route.name] = {
      rounds: rounds.length,
      requests_per_second:
        total /
        rounds.reduce((sum, r) => sum + r.total / r.requests_per_second, 0),
      p50_ms: rounds.reduce((sum, r) => sum + r.p50_ms, 0) / rounds.length,
      p99_ms: rounds.reduce((sum, r) => sum + r.p99_ms, 0) / rounds.length,
      non_2xx: rounds.reduce((sum, r) => sum + r.non_2xx, 0),
      errors: rounds.reduce((sum, r) => sum + r.errors, 0),
      total,
      server_cpu_ms: weighted("server_cpu_ms"),
      postgres_cpu_ms: weighted("postgres_cpu_ms"),
      redis_cpu_ms: weighted("redis_cpu_ms"),
      postgres_transactions_per_request: statements[route.name],
      load_min: Math.min(...rounds.map((r) => r.load_before)),
      load_max: Math.max(
        ...rounds.map((r) => Math.max(r.load_before, r.load_after))
      ),
    }
    emit({
      bench: "publishable-key-cache",
      route: route.name,
      path: route.path,
      server: route.server.name === "on" ? "caching on" : "caching off",
      ...results[route.name],
    })
  }
  for (const kind of ["me", "login"]) {
    const withCache = results[`${kind}-on`]
    const without = results[`${kind}-off`]
    if (!withCache || !without) {
      continue
    }
    const cpu = (r) => r.server_cpu_ms + r.postgres_cpu_ms + r.redis_cpu_ms
    emit({
      bench: "publishable-key-cache",
      ratio: `${kind}-on/${kind}-off`,
      // time per request with the cache over without (below 1: it saves)
      throughput_ratio:
        without.requests_per_second / withCache.requests_per_second,
      cpu_ratio: cpu(withCache) / cpu(without),
      cpu_saved_ms: cpu(without) - cpu(withCache),
      server_cpu_saved_ms: without.server_cpu_ms - withCache.server_cpu_ms,
      postgres_cpu_saved_ms:
        without.postgres_cpu_ms - withCache.postgres_cpu_ms,
      transactions_saved:
        without.postgres_transactions_per_request -
        withCache.postgres_transactions_per_request,
      per_round_throughput_ratios: perRound[`${kind}-on`].map(
        (figures, i) =>
          perRound[`${kind}-off`][i].requests_per_second /
          figures.requests_per_second
      ),
    })
  }
} finally {
  await Promise.all([on.stop(), off.stop()])
}
