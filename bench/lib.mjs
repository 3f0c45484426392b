// Shared helpers of the benchmarks: a fresh database, a Medusa server started
// the way a merchant runs it (`medusa start`, production mode, this plugin
// loaded), an admin and a publishable key, and small measuring tools.
import { execFileSync, spawn } from "node:child_process"
import { readdirSync, readFileSync } from "node:fs"
import { availableParallelism } from "node:os"
import path from "node:path"
import { fileURLToPath } from "node:url"

export const ROOT = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  ".."
)
const PG = process.env.BENCH_PG_URL ?? "postgres://postgres@127.0.0.1:5432"
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

/** A fresh database with every migration (core, links, this plugin). */
export const freshDatabase = (db) => {
  psql("postgres", `DROP DATABASE IF EXISTS "${db}" WITH (FORCE)`)
  psql("postgres", `CREATE DATABASE "${db}"`)
  const env = { ...process.env, DATABASE_URL: `${PG}/${db}` }
  execFileSync(
    path.join(ROOT, "node_modules/.bin/medusa"),
    ["db:migrate", "--execute-safe-links"],
    {
      cwd: ROOT,
      env,
      stdio: "ignore",
    }
  )
  execFileSync(
    path.join(ROOT, "node_modules/.bin/medusa"),
    ["user", "-e", ADMIN_EMAIL, "-p", ADMIN_PASSWORD],
    { cwd: ROOT, env, stdio: "ignore" }
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
 * `emails: true` logs at `info` instead, for the line Medusa's local
 * notification provider writes for each email it sends (data included):
 * `sentEmails()` answers them, oldest first. The stored notifications keep
 * no password or link once sent.
 */
export const startServer = async (db, port = 9310, { emails = false } = {}) => {
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
      path.join(ROOT, "node_modules/@medusajs/cli/cli.js"),
      "start",
      "--port",
      String(port),
    ],
    {
      cwd: ROOT,
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
  for (let i = 0; i < 120; i++) {
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
  return { url, pid: child.pid, stop, sentEmails: () => sent }
}

const CLOCK_TICKS_PER_MS = 100 / 1000 // USER_HZ is 100 on Linux

/** CPU time (user + system) a process has used, in clock ticks. */
const processTicks = (pid) => {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8")
    .split(") ")[1]
    .split(" ")
  return Number(fields[11]) + Number(fields[12])
}

/** CPU time all PostgreSQL processes on this machine have used, in ticks. */
const postgresTicks = () => {
  let ticks = 0
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) {
      continue
    }
    try {
      if (readFileSync(`/proc/${entry}/comm`, "utf8").trim() === "postgres") {
        ticks += processTicks(entry)
      }
    } catch {
      // the process ended meanwhile
    }
  }
  return ticks
}

/**
 * Starts counting the CPU the server process (its main thread and libuv's
 * pool, where scrypt runs) and PostgreSQL use; the returned function gives
 * the milliseconds of each per operation. CPU per operation varies less than
 * throughput on a machine shared with other work.
 */
export const countCpu = (pid) => {
  const server = processTicks(pid)
  const postgres = postgresTicks()
  return (operations) => ({
    server_cpu_ms:
      (processTicks(pid) - server) / CLOCK_TICKS_PER_MS / operations,
    postgres_cpu_ms:
      (postgresTicks() - postgres) / CLOCK_TICKS_PER_MS / operations,
  })
}

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

/** One scrypt derivation's time (ms, median of `runs`) with scrypt-kdf, as emailpass hashes. */
export const measureScrypt = async (params, runs = 12) => {
  const { default: Scrypt } = await import("scrypt-kdf")
  await Scrypt.kdf("warm-up", params)
  const times = []
  for (let i = 0; i < runs; i++) {
    const start = performance.now()
    await Scrypt.kdf(`password-${i}`, params)
    times.push(performance.now() - start)
  }
  times.sort((a, b) => a - b)
  return times[Math.floor(times.length / 2)]
}

/** Prints one figure as a JSON line on stdout, for run.sh's summary. */
export const emit = (figure) => console.log(JSON.stringify(figure))
