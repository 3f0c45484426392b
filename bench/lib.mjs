// Shared helpers of the benchmarks: a fresh database, a Medusa server started
// the way a merchant runs it (`medusa start`, production mode), either this
// repository's app (the plugin loaded) or the stock app in bench/stock-app
// (the same Medusa without the plugin), an admin and a publishable key, and
// small measuring tools.
import { execFile, execFileSync, spawn } from "node:child_process"
import { readdirSync, readFileSync } from "node:fs"
import { availableParallelism, loadavg } from "node:os"
import path from "node:path"
import { fileURLToPath } from "node:url"

export const ROOT = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  ".."
)
const PG = process.env.BENCH_PG_URL ?? "postgres://postgres@127.0.0.1:5432"
/** Medusa without the plugin: the baseline every ratio is measured against. */
export const STOCK_APP = path.join(ROOT, "bench/stock-app")
export const ADMIN_EMAIL = "admin@bench.test"
export const ADMIN_PASSWORD = "Bench-Admin-Passw0rd!"

export const log = (...args) => console.error("[bench]", ...args)

export const psql = (db, sql) =>
  execFileSync(
    "psql",
    [`${PG}/${db}`, "-qtAX", "-v", "ON_ERROR_STOP=1", "-c", sql],
    {
      encoding: "utf8",
    }
  ).trim()

/**
 * A fresh database with every migration of `app` (the repository: core,
 * links, this plugin; STOCK_APP: core only) and the bench admin.
 */
export const freshDatabase = (db, { app = ROOT } = {}) => {
  psql("postgres", `DROP DATABASE IF EXISTS "${db}" WITH (FORCE)`)
  psql("postgres", `CREATE DATABASE "${db}"`)
  const env = { ...process.env, DATABASE_URL: `${PG}/${db}` }
  execFileSync(
    path.join(ROOT, "node_modules/.bin/medusa"),
    ["db:migrate", "--execute-safe-links"],
    {
      cwd: app,
      env,
      stdio: "ignore",
    }
  )
  execFileSync(
    path.join(ROOT, "node_modules/.bin/medusa"),
    ["user", "-e", ADMIN_EMAIL, "-p", ADMIN_PASSWORD],
    { cwd: app, env, stdio: "ignore" }
  )
}

const PROVIDER_LINE =
  /^Attempting to send a notification to: '(.*?)' on the channel: '(.*?)' with template: '(.*?)' and data: '(.*)'$/s

/** One email from Medusa's local notification provider's log line (JSON in production). */
const sentEmailIn = (line) => {
  let message = line
  try {
    message = JSON.parse(line).message ?? line
  } catch {
    // not a JSON line
  }
  const match = PROVIDER_LINE.exec(message)
  return match
    ? {
        to: match[1],
        channel: match[2],
        template: match[3],
        data: JSON.parse(match[4]),
      }
    : null
}

/**
 * `medusa start` on its own port and database: production mode, no admin
 * bundle, warnings only in the log, per-IP limits raised (every request
 * comes from 127.0.0.1). `pid` is the server process itself.
 *
 * `app`: the directory started (this repository, with the plugin, or
 * STOCK_APP, without it). Both get the same command, environment and
 * secrets, so the only difference between them is the plugin.
 *
 * `emails: true` logs at `info` instead, for the line Medusa's local
 * notification provider writes for each email it sends (data included):
 * `sentEmails()` answers them, oldest first. The stored notifications keep
 * no password or link once sent. Give both servers of a comparison the same
 * `emails`, so they log alike.
 *
 * `env`: variables set last, over the defaults above (the cluster suite:
 * REDIS_URL, MEDUSA_WORKER_MODE, the limits as shipped).
 */
export const startServer = async (
  db,
  port = 9310,
  { emails = false, app = ROOT, env = {} } = {}
) => {
  // A server left on the port (a run that was killed) would answer in this
  // one's place, on another database and older code: refuse to measure it.
  const busy = await fetch(`http://127.0.0.1:${port}/health`).then(
    () => true,
    () => false
  )
  if (busy) {
    throw new Error(
      `port ${port} is already taken by another server: stop it first`
    )
  }
  const child = spawn(
    process.execPath,
    [
      // e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" (not allowed in NODE_OPTIONS):
      // a CPU profile of each server, written when it stops
      ...(process.env.BENCH_SERVER_NODE_ARGS?.split(/\s+/).filter(Boolean) ??
        []),
      path.join(ROOT, "node_modules/@medusajs/cli/cli.js"),
      "start",
      "--port",
      String(port),
    ],
    {
      cwd: app,
      env: {
        ...process.env,
        DATABASE_URL: `${PG}/${db}`,
        PORT: String(port),
        NODE_ENV: "production",
        MEDUSA_ADMIN_DISABLED: "true",
        LOG_LEVEL: emails ? "info" : "warn",
        CREDENTIALS_RAISE_IP_LIMITS: "true",
        // e.g. --max-old-space-size=256, to show how much memory a run really needs
        ...(process.env.BENCH_SERVER_NODE_OPTIONS
          ? { NODE_OPTIONS: process.env.BENCH_SERVER_NODE_OPTIONS }
          : {}),
        JWT_SECRET: "bench-jwt-secret",
        COOKIE_SECRET: "bench-cookie-secret",
        ...env,
      },
      stdio: ["ignore", emails ? "pipe" : "ignore", "pipe"],
    }
  )
  const sent = []
  if (emails) {
    let partial = ""
    child.stdout.on("data", (chunk) => {
      const lines = (partial + chunk).split("\n")
      partial = lines.pop()
      for (const line of lines) {
        const email = sentEmailIn(line)
        if (email) {
          sent.push(email)
        }
      }
    })
  }
  let stderr = ""
  child.stderr.on("data", (chunk) => {
    stderr = (stderr + chunk).slice(-4000)
  })
  const url = `http://127.0.0.1:${port}`
  // Up to 3 minutes: a start on a loaded machine takes well over one.
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) {
      throw new Error(`the server stopped: ${stderr}`)
    }
    try {
      if ((await fetch(`${url}/health`)).ok && child.exitCode === null) {
        break
      }
    } catch {
      // not up yet
    }
    if (i === 360) {
      child.kill("SIGKILL")
      throw new Error(`the server did not answer within 3 minutes: ${stderr}`)
    }
    await sleep(500)
  }
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill("SIGTERM")
      for (let i = 0; i < 20 && child.exitCode === null; i++) {
        await sleep(250)
      }
      if (child.exitCode === null) {
        child.kill("SIGKILL")
      }
    }
  }
  return { url, pid: child.pid, db, stop, sentEmails: () => sent }
}

const CLOCK_TICKS_PER_MS = 100 / 1000 // USER_HZ is 100 on Linux

/** CPU time (user + system) a process has used, in clock ticks. */
const processTicks = (pid) => {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8")
    .split(") ")[1]
    .split(" ")
  return Number(fields[11]) + Number(fields[12])
}

/**
 * CPU time (ticks) of each PostgreSQL backend serving database `db`, by pid.
 * A backend's command line names its database ("postgres: 15/main: postgres
 * <db> 127.0.0.1(…) idle"), so other work on a shared machine (test runs,
 * the other server of a comparison) is not counted; PostgreSQL's shared
 * background processes are left out for the same reason.
 */
const postgresTicks = (db) => {
  const ticks = new Map()
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) {
      continue
    }
    try {
      if (readFileSync(`/proc/${entry}/comm`, "utf8").trim() !== "postgres") {
        continue
      }
      const words = readFileSync(`/proc/${entry}/cmdline`, "utf8")
        .replace(/\0/g, " ")
        .trim()
        .split(/\s+/)
      if (words.includes(db)) {
        ticks.set(entry, processTicks(entry))
      }
    } catch {
      // the process ended meanwhile
    }
  }
  return ticks
}

/**
 * Starts counting the CPU a server uses: its process (main thread and
 * libuv's pool, where scrypt runs) and the PostgreSQL backends serving its
 * database (`server.db`); the returned function gives the milliseconds of
 * each per operation. CPU per operation varies less than throughput on a
 * machine shared with other work.
 */
export const countCpu = ({ pid, db }) => {
  const server = processTicks(pid)
  const postgres = postgresTicks(db)
  return (operations) => {
    let postgresUsed = 0
    for (const [backend, ticks] of postgresTicks(db)) {
      // a backend opened meanwhile counts from its start
      postgresUsed += ticks - (postgres.get(backend) ?? 0)
    }
    return {
      server_cpu_ms:
        (processTicks(pid) - server) / CLOCK_TICKS_PER_MS / operations,
      postgres_cpu_ms: postgresUsed / CLOCK_TICKS_PER_MS / operations,
    }
  }
}

/** The machine's 1-minute load average, to print beside every figure. */
export const load1 = () => Number(loadavg()[0].toFixed(2))

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

export const request = async (url, method, body, headers = {}) => {
  const response = await fetch(url, {
    method,
    headers: { "content-type": "application/json", ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const text = await response.text()
  let data
  try {
    data = JSON.parse(text)
  } catch {
    data = text
  }
  return { status: response.status, data }
}

export const must = async (promise, what) => {
  const response = await promise
  if (response.status >= 300) {
    throw new Error(
      `${what}: ${response.status} ${JSON.stringify(response.data)}`
    )
  }
  return response.data
}

/** Admin bearer headers and a publishable key for the store routes. */
export const adminAndStoreHeaders = async (url) => {
  const { token } = await must(
    request(`${url}/auth/user/emailpass`, "POST", {
      email: ADMIN_EMAIL,
      password: ADMIN_PASSWORD,
    }),
    "admin sign-in"
  )
  const admin = { authorization: `Bearer ${token}` }
  const { api_key } = await must(
    request(
      `${url}/admin/api-keys`,
      "POST",
      { title: "Bench", type: "publishable" },
      admin
    ),
    "publishable key"
  )
  return { admin, store: { "x-publishable-api-key": api_key.token } }
}

/** The current resident memory (kB) of a process, from /proc/<pid>/status. */
export const rssKb = (pid) => {
  try {
    const match = /VmRSS:\s+(\d+)/.exec(
      readFileSync(`/proc/${pid}/status`, "utf8")
    )
    return match ? Number(match[1]) : 0
  } catch {
    return 0
  }
}

/** Samples a process's RSS every `everyMs` until stopped; returns the peak (kB). */
export const sampleRss = (pid, everyMs = 100) => {
  let peak = rssKb(pid)
  const timer = setInterval(() => {
    peak = Math.max(peak, rssKb(pid))
  }, everyMs)
  return () => {
    clearInterval(timer)
    return Math.max(peak, rssKb(pid))
  }
}

export const percentile = (sorted, p) =>
  sorted.length
    ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]
    : NaN

/** The cores this process may use (the benchmarks' figure of "cores"). */
export const cores = () => availableParallelism()

/** emailpass's scrypt parameters, read from core's provider (its defaults). */
export const emailpassScryptParams = () => {
  const source = readFileSync(
    path.join(
      ROOT,
      "node_modules/@medusajs/auth-emailpass/dist/services/emailpass.js"
    ),
    "utf8"
  )
  const match = /hashConfig \?\? \{ logN: (\d+), r: (\d+), p: (\d+) \}/.exec(
    source
  )
  if (!match) {
    throw new Error("could not read emailpass's scrypt defaults")
  }
  return { logN: Number(match[1]), r: Number(match[2]), p: Number(match[3]) }
}

/**
 * What scrypt alone does on this machine now, in a fresh process
 * (`scrypt-ceiling.mjs`): one derivation's time (ms) and derivations per
 * second with one per core.
 */
export const measureScryptCeiling = async (params, seconds = 8) =>
  new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [
        path.join(ROOT, "bench/scrypt-ceiling.mjs"),
        JSON.stringify(params),
        String(seconds),
      ],
      { cwd: ROOT },
      (error, stdout) =>
        error ? reject(error) : resolve(JSON.parse(stdout.trim()))
    )
  })

/** Prints one figure as a JSON line on stdout, for run.sh's summary. */
export const emit = (figure) => console.log(JSON.stringify(figure))

/**
 * The two servers of a comparison, each on a fresh database of its own: the
 * plugin's (this repository, port 9310) and the stock app's (Medusa without
 * the plugin, port 9311), started the same way with the same options.
 */
export const startPluginAndStock = async (db, options = {}) => {
  const stockDb = `${db}_stock`
  log(`fresh databases ${db} (plugin) and ${stockDb} (stock)`)
  freshDatabase(db)
  freshDatabase(stockDb, { app: STOCK_APP })
  // BENCH_REDIS_URL: both servers in the production shape (Medusa's Redis
  // event bus, workflow engine, locking and caching: medusa-config.redis.ts),
  // each on a Redis database of its own, flushed first.
  const redis = (index) => {
    if (!process.env.BENCH_REDIS_URL) {
      return {}
    }
    const url = `${process.env.BENCH_REDIS_URL.replace(/\/\d*$/, "")}/${index}`
    execFileSync("redis-cli", ["-u", url, "flushdb"], { stdio: "ignore" })
    return { REDIS_URL: url }
  }
  const plugin = await startServer(db, 9310, {
    ...options,
    env: { ...options.env, ...redis(11) },
  })
  let stock
  try {
    stock = await startServer(stockDb, 9311, {
      ...options,
      app: STOCK_APP,
      env: { ...options.env, ...redis(12) },
    })
  } catch (error) {
    await plugin.stop()
    throw error
  }
  return {
    plugin,
    stock,
    stop: async () => {
      await Promise.all([plugin.stop(), stock.stop()])
    },
  }
}

/**
 * The plugin's customer, as a merchant makes one: created by the admin, its
 * password set by the admin (Allow Manual Entry on), its email confirmed (the
 * admin's switch, as the activation link would), as nearly every customer
 * who signs in is. Returns the customer.
 */
export const pluginCustomer = async (url, admin, email, password) => {
  await must(
    request(
      `${url}/admin/credential-settings`,
      "POST",
      { allow_manual_entry: true },
      admin
    ),
    "settings"
  )
  const { customer } = await must(
    request(`${url}/admin/customers`, "POST", { email }, admin),
    "customer"
  )
  await must(
    request(
      `${url}/admin/customers/${customer.id}/credentials/password`,
      "POST",
      { password, confirm_password: password },
      admin
    ),
    "password"
  )
  await must(
    request(
      `${url}/admin/customers/${customer.id}/credentials`,
      "POST",
      { email_confirmed: true },
      admin
    ),
    "email confirmed"
  )
  return customer
}

/**
 * A customer made and signed in through Medusa's own routes (register,
 * `POST /store/customers`, sign-in), as a storefront does on a server
 * without the plugin; answers the customer's bearer headers.
 */
export const stockCustomer = async (url, store, email, password) => {
  const { token: registration } = await must(
    request(`${url}/auth/customer/emailpass/register`, "POST", {
      email,
      password,
    }),
    "stock registration"
  )
  await must(
    request(
      `${url}/store/customers`,
      "POST",
      { email, first_name: "Stock", last_name: "Shopper" },
      { ...store, authorization: `Bearer ${registration}` }
    ),
    "stock customer"
  )
  const { token } = await must(
    request(`${url}/auth/customer/emailpass`, "POST", { email, password }),
    "stock sign-in"
  )
  return { authorization: `Bearer ${token}` }
}

/**
 * BENCH_ROUTES=plugin,stock: only these routes (a quicker re-run of one
 * ratio, or a profile of one route); every route otherwise.
 */
export const selectRoutes = (routes) => {
  const names = process.env.BENCH_ROUTES?.split(",").filter(Boolean)
  return names ? routes.filter((route) => names.includes(route.name)) : routes
}

/**
 * Runs `routes` in `rounds` rounds, alternating their order (ABC, CBA, …)
 * so that a change in the machine's load touches each alike; `measure(route)`
 * runs one and answers its figures. Answers every route's figures per round.
 */
export const alternate = async (allRoutes, rounds, measure) => {
  const routes = selectRoutes(allRoutes)
  const figures = Object.fromEntries(routes.map((route) => [route.name, []]))
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? routes : [...routes].reverse()
    for (const route of order) {
      figures[route.name].push(await measure(route, round))
    }
  }
  return figures
}

/**
 * One route under load with autocannon for `seconds` (after the caller's
 * warm-up): throughput from the completed requests over the run's duration,
 * latency percentiles, CPU per request (server and its PostgreSQL backends),
 * and the machine's load before and after.
 */
export const loadTest = async (
  autocannon,
  server,
  { method, path, body, headers },
  { seconds, connections }
) => {
  const load_before = load1()
  const cpu = countCpu(server)
  const result = await autocannon({
    url: `${server.url}${path}`,
    method,
    headers: { "content-type": "application/json", ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
    connections,
    duration: seconds,
  })
  return {
    requests_per_second: result.requests.total / result.duration,
    p50_ms: result.latency.p50,
    p99_ms: result.latency.p99,
    non_2xx: result.non2xx,
    errors: result.errors,
    total: result.requests.total,
    ...cpu(result.requests.total),
    load_before,
    load_after: load1(),
  }
}

/** Several rounds' figures of one route as one: totals over all rounds. */
export const combineRounds = (rounds) => {
  const total = rounds.reduce((sum, r) => sum + r.total, 0)
  const seconds = rounds.reduce(
    (sum, r) => sum + r.total / r.requests_per_second,
    0
  )
  const mean = (key) =>
    rounds.reduce((sum, r) => sum + r[key], 0) / rounds.length
  const weighted = (key) =>
    rounds.reduce((sum, r) => sum + r[key] * r.total, 0) / total
  return {
    rounds: rounds.length,
    requests_per_second: total / seconds,
    // autocannon gives percentiles per run: their mean over the rounds
    p50_ms: mean("p50_ms"),
    p99_ms: mean("p99_ms"),
    non_2xx: rounds.reduce((sum, r) => sum + r.non_2xx, 0),
    errors: rounds.reduce((sum, r) => sum + r.errors, 0),
    total,
    server_cpu_ms: weighted("server_cpu_ms"),
    postgres_cpu_ms: weighted("postgres_cpu_ms"),
    load_min: Math.min(...rounds.map((r) => r.load_before)),
    load_max: Math.max(
      ...rounds.map((r) => Math.max(r.load_before, r.load_after))
    ),
  }
}

/** How much more `measured` costs than `baseline` (1.00: the same). */
export const ratios = (measured, baseline) => ({
  // time per request: the inverse of throughput
  throughput_ratio: baseline.requests_per_second / measured.requests_per_second,
  p50_ratio: measured.p50_ms / baseline.p50_ms,
  p99_ratio: measured.p99_ms / baseline.p99_ms,
  cpu_ratio:
    (measured.server_cpu_ms + measured.postgres_cpu_ms) /
    (baseline.server_cpu_ms + baseline.postgres_cpu_ms),
})

/**
 * Starts counting the CPU of several server processes (`pids`), the
 * PostgreSQL backends of their one database `db`, and, with `redis: true`,
 * the local redis-server (shared by whatever else uses it on the machine);
 * the returned function gives the milliseconds of each per operation, and
 * each server's own share.
 */
export const countClusterCpu = ({ pids, db, redis = false }) => {
  const redisPid = redis
    ? readdirSync("/proc").find((entry) => {
        try {
          return (
            /^\d+$/.test(entry) &&
            readFileSync(`/proc/${entry}/comm`, "utf8").trim() ===
              "redis-server"
          )
        } catch {
          return false
        }
      })
    : undefined
  const servers = pids.map(processTicks)
  const postgres = postgresTicks(db)
  const redisStart = redisPid ? processTicks(redisPid) : 0
  return (operations) => {
    let postgresUsed = 0
    for (const [backend, ticks] of postgresTicks(db)) {
      postgresUsed += ticks - (postgres.get(backend) ?? 0)
    }
    const each = pids.map(
      (pid, i) => (processTicks(pid) - servers[i]) / CLOCK_TICKS_PER_MS
    )
    return {
      server_cpu_ms: each.reduce((a, b) => a + b, 0) / operations,
      each_server_cpu_ms: each.map((ms) => ms / operations),
      postgres_cpu_ms: postgresUsed / CLOCK_TICKS_PER_MS / operations,
      ...(redisPid
        ? {
            redis_cpu_ms:
              (processTicks(redisPid) - redisStart) /
              CLOCK_TICKS_PER_MS /
              operations,
          }
        : {}),
    }
  }
}

/**
 * Transactions PostgreSQL has finished in database `db` (committed and
 * rolled back, from pg_stat_database): each statement outside a transaction
 * is one. A backend reports its counts when it goes idle, within about 10 s.
 */
export const postgresTransactions = (db) =>
  Number(
    psql(
      "postgres",
      `select xact_commit + xact_rollback from pg_stat_database where datname = '${db}'`
    )
  )
