// Registration: the plugin's register + activate against Medusa's stock
// registration, on the same server in the same run.
//
//   node bench/registration.mjs       (BENCH_REGISTRATIONS, BENCH_CONCURRENCY)
//
//   stock   POST /auth/customer/emailpass/register, then POST /store/customers with its token
//   plugin  POST /store/credentials/register, then POST /store/credentials/activate with the
//           code from the confirmation email (read from the local notification provider's log
//           line between the two phases, outside the timing: the stored notification keeps
//           no link once sent)
// Each variant runs as two phases of BENCH_REGISTRATIONS requests, BENCH_CONCURRENCY at a time;
// a registration's time is the sum of its two requests, the throughput is registrations per
// second of the two phases' wall time. Both variants hash one password (one scrypt derivation).
import {
  adminAndStoreHeaders,
  countCpu,
  emit,
  freshDatabase,
  log,
  percentile,
  request,
  sleep,
  startServer,
} from "./lib.mjs"

const DB = process.env.BENCH_DB ?? "medusa_credentials_bench"
const COUNT = Number(process.env.BENCH_REGISTRATIONS ?? 200)
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 4)
const PASSWORD = "Bench-Shopper-Passw0rd!"

/** Runs `task` for every item, `CONCURRENCY` at a time; returns latencies and wall time. */
const phase = async (items, task) => {
  const latencies = new Array(items.length)
  let next = 0
  let failures = 0
  const cpu = countCpu(server.pid)
  const start = performance.now()
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < items.length) {
        const index = next++
        const t0 = performance.now()
        const ok = await task(items[index], index)
        latencies[index] = performance.now() - t0
        if (!ok) {
          failures++
        }
      }
    })
  )
  const result = {
    latencies,
    wall: performance.now() - start,
    failures,
    cpu: cpu(items.length),
  }
  if (process.env.BENCH_PHASE_CPU) log("phase cpu", JSON.stringify(result.cpu))
  return result
}

const summarize = (name, first, second) => {
  const totals = first.latencies
    .map((ms, i) => ms + second.latencies[i])
    .sort((a, b) => a - b)
  const wall = first.wall + second.wall
  return {
    bench: "registration",
    variant: name,
    registrations: COUNT,
    registrations_per_second: (COUNT * 1000) / wall,
    p50_ms: percentile(totals, 50),
    p99_ms: percentile(totals, 99),
    failures: first.failures + second.failures,
    // CPU per registration, both phases (the confirmation email is sent by a
    // subscriber during the first)
    server_cpu_ms: first.cpu.server_cpu_ms + second.cpu.server_cpu_ms,
    postgres_cpu_ms: first.cpu.postgres_cpu_ms + second.cpu.postgres_cpu_ms,
  }
}

log("registration: fresh database and server")
freshDatabase(DB)
const server = await startServer(DB, undefined, { emails: true })
try {
  const { store } = await adminAndStoreHeaders(server.url)
  const url = server.url

  const stock = async (prefix, count) => {
    const emails = Array.from(
      { length: count },
      (_, i) => `${prefix}-${i}@bench.test`
    )
    const tokens = []
    const registered = await phase(emails, async (email, i) => {
      const res = await request(
        `${url}/auth/customer/emailpass/register`,
        "POST",
        {
          email,
          password: PASSWORD,
        }
      )
      tokens[i] = res.data?.token
      return res.status === 200
    })
    const created = await phase(emails, async (email, i) => {
      const res = await request(
        `${url}/store/customers`,
        "POST",
        { email, first_name: "Stock", last_name: "Shopper" },
        { ...store, authorization: `Bearer ${tokens[i]}` }
      )
      return res.status === 200
    })
    return [registered, created]
  }

  const confirmationTokens = async (emails) => {
    const wanted = new Set(emails)
    const tokens = new Map()
    for (
      let attempt = 0;
      attempt < 120 && tokens.size < wanted.size;
      attempt++
    ) {
      for (const notification of server.sentEmails()) {
        const link = /activate\?token=([^\s&]+)/.exec(
          notification.data?.text ?? ""
        )
        if (link && wanted.has(notification.to)) {
          tokens.set(notification.to, decodeURIComponent(link[1]))
        }
      }
      if (tokens.size < wanted.size) {
        await sleep(250)
      }
    }
    return tokens
  }

  const plugin = async (prefix, count) => {
    const emails = Array.from(
      { length: count },
      (_, i) => `${prefix}-${i}@bench.test`
    )
    const registered = await phase(emails, async (email) => {
      const res = await request(
        `${url}/store/credentials/register`,
        "POST",
        {
          email,
          password: PASSWORD,
          first_name: "Plugin",
          last_name: "Shopper",
        },
        store
      )
      return res.status === 201
    })
    const tokens = new Map()
    for (let i = 0; i < emails.length; i += 100) {
      for (const [email, token] of await confirmationTokens(
        emails.slice(i, i + 100)
      )) {
        tokens.set(email, token)
      }
    }
    const activated = await phase(emails, async (email) => {
      const res = await request(
        `${url}/store/credentials/activate`,
        "POST",
        { token: tokens.get(email) ?? "missing" },
        store
      )
      return res.status === 200
    })
    return [registered, activated]
  }

  log("registration: warm-up")
  await stock("warm-stock", 12)
  await plugin("warm-plugin", 12)

  log(`registration: stock, ${COUNT} registrations, ${CONCURRENCY} at a time`)
  const stockFigures = summarize("stock", ...(await stock("stock", COUNT)))
  emit(stockFigures)
  log(`registration: plugin, ${COUNT} registrations, ${CONCURRENCY} at a time`)
  const pluginFigures = summarize("plugin", ...(await plugin("plugin", COUNT)))
  emit(pluginFigures)
  emit({
    bench: "registration",
    ratio: "plugin/stock",
    throughput_ratio:
      stockFigures.registrations_per_second /
      pluginFigures.registrations_per_second,
    p50_ratio: pluginFigures.p50_ms / stockFigures.p50_ms,
    p99_ratio: pluginFigures.p99_ms / stockFigures.p99_ms,
    cpu_ratio:
      (pluginFigures.server_cpu_ms + pluginFigures.postgres_cpu_ms) /
      (stockFigures.server_cpu_ms + stockFigures.postgres_cpu_ms),
    target: 1.1,
  })
} finally {
  await server.stop()
}
