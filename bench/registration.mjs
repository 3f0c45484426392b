// Registration: the plugin's register + activate against Medusa's stock
// registration on a server without the plugin, measured in the same run.
//
//   node bench/registration.mjs   (BENCH_REGISTRATIONS per variant, split over
//                                  BENCH_ROUNDS; BENCH_CONCURRENCY)
//
// Two servers started alike (bench/lib.mjs, both logging at `info` for the
// emails): the plugin's and the stock app's (bench/stock-app: the same
// Medusa, no plugin). Variants:
//   stock   stock server: POST /auth/customer/emailpass/register, then
//           POST /store/customers with its token (core's registration, the baseline)
//   plugin  plugin server: POST /store/credentials/register, then
//           POST /store/credentials/activate with the code from the confirmation
//           email (read from the local notification provider's log line between
//           the two phases, outside the timing: the stored notification keeps no
//           link once sent)
//   unconfirmed
//           plugin server, the store asking no email confirmation
//           (require_email_confirmation off): POST /store/credentials/register
//           alone; the account signs in at once (what stock gives, one request
//           fewer)
//   gated   plugin server: the stock requests, which the plugin now gates (its
//           checks on register; POST /store/customers runs the plugin's
//           registration, which sends the confirmation email); the customer
//           still has to confirm the email before signing in, not timed here
// Each variant runs as two phases of requests, BENCH_CONCURRENCY at a time; a
// registration's time is the sum of its two requests, the throughput is
// registrations per second of the phases' wall time. Every variant hashes one
// password (one scrypt derivation). The variants run BENCH_ROUNDS times,
// alternating their order, and the figures are totals.
import {
  adminAndStoreHeaders,
  alternate,
  countCpu,
  emit,
  load1,
  log,
  percentile,
  ratios,
  request,
  selectRoutes,
  sleep,
  startPluginAndStock,
} from "./lib.mjs"

const DB = process.env.BENCH_DB ?? "medusa_credentials_bench"
const COUNT = Number(process.env.BENCH_REGISTRATIONS ?? 200)
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2)
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 4)
const PASSWORD = "Bench-Shopper-Passw0rd!"
const PER_ROUND = Math.ceil(COUNT / ROUNDS)

/** Runs `task` for every item, `CONCURRENCY` at a time; returns latencies and wall time. */
const phase = async (server, items, task) => {
  const latencies = new Array(items.length)
  let next = 0
  let failures = 0
  let firstFailure = null
  const load_before = load1()
  const cpu = countCpu(server)
  const start = performance.now()
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < items.length) {
        const index = next++
        const t0 = performance.now()
        const failure = await task(items[index], index)
        latencies[index] = performance.now() - t0
        if (failure) {
          failures++
          firstFailure ??= failure
        }
      }
    })
  )
  const result = {
    latencies,
    wall: performance.now() - start,
    failures,
    firstFailure,
    cpu: cpu(items.length),
    load_before,
    load_after: load1(),
  }
  if (process.env.BENCH_PHASE_CPU) log("phase cpu", JSON.stringify(result.cpu))
  return result
}

/** null when the answer has the status expected, else what it was. */
const failure = (res, status) =>
  res.status === status ? null : `${res.status} ${JSON.stringify(res.data)}`

/** One variant's rounds (each two phases) as one set of figures. */
const summarize = (name, rounds) => {
  const phases = rounds.flat()
  const totals = rounds
    .flatMap(([first, second]) =>
      first.latencies.map((ms, i) => ms + second.latencies[i])
    )
    .sort((a, b) => a - b)
  const count = totals.length
  const wall = phases.reduce((sum, p) => sum + p.wall, 0)
  // CPU per registration, both phases (an email is sent by a subscriber
  // during the first), weighted by each round's registrations
  const cpu = (key) =>
    rounds.reduce(
      (sum, [first, second]) =>
        sum + (first.cpu[key] + second.cpu[key]) * first.latencies.length,
      0
    ) / count
  return {
    bench: "registration",
    variant: name,
    rounds: rounds.length,
    registrations: count,
    registrations_per_second: (count * 1000) / wall,
    p50_ms: percentile(totals, 50),
    p99_ms: percentile(totals, 99),
    failures: phases.reduce((sum, p) => sum + p.failures, 0),
    first_failure: phases.find((p) => p.firstFailure)?.firstFailure ?? null,
    server_cpu_ms: cpu("server_cpu_ms"),
    postgres_cpu_ms: cpu("postgres_cpu_ms"),
    load_min: Math.min(...phases.map((p) => p.load_before)),
    load_max: Math.max(
      ...phases.map((p) => Math.max(p.load_before, p.load_after))
    ),
  }
}

log("registration: plugin and stock servers")
const servers = await startPluginAndStock(DB, { emails: true })
try {
  const { plugin, stock } = servers
  const pluginHeaders = await adminAndStoreHeaders(plugin.url)
  const stores = {
    plugin: pluginHeaders.store,
    stock: (await adminAndStoreHeaders(stock.url)).store,
  }
  /** The plugin's store asks (or not) that a registrant confirm the email. */
  const requireConfirmation = async (required) => {
    const res = await request(
      `${plugin.url}/admin/credential-settings`,
      "POST",
      { require_email_confirmation: required },
      pluginHeaders.admin
    )
    if (res.status !== 200) {
      throw new Error(`credential settings: ${res.status}`)
    }
  }

  /** Core's two requests: register, then POST /store/customers with its token. */
  const coreRoutes = async (server, store, prefix, count) => {
    const emails = Array.from(
      { length: count },
      (_, i) => `${prefix}-${i}@bench.test`
    )
    const tokens = []
    const registered = await phase(server, emails, async (email, i) => {
      const res = await request(
        `${server.url}/auth/customer/emailpass/register`,
        "POST",
        { email, password: PASSWORD }
      )
      tokens[i] = res.data?.token
      return failure(res, 200)
    })
    const created = await phase(server, emails, async (email, i) => {
      const res = await request(
        `${server.url}/store/customers`,
        "POST",
        { email, first_name: "Stock", last_name: "Shopper" },
        { ...store, authorization: `Bearer ${tokens[i]}` }
      )
      return failure(res, 200)
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
      for (const notification of plugin.sentEmails()) {
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

  /** The plugin's registration request for each email, as one phase. */
  const registerWithPlugin = (prefix, count, nextStep) => {
    const emails = Array.from(
      { length: count },
      (_, i) => `${prefix}-${i}@bench.test`
    )
    return phase(plugin, emails, async (email) => {
      const res = await request(
        `${plugin.url}/store/credentials/register`,
        "POST",
        {
          email,
          password: PASSWORD,
          first_name: "Plugin",
          last_name: "Shopper",
        },
        stores.plugin
      )
      return (
        failure(res, 201) ??
        (res.data?.next_step === nextStep ? null : JSON.stringify(res.data))
      )
    }).then((registered) => ({ emails, registered }))
  }

  /** The plugin's registration where the store asks no confirmation: one request. */
  const unconfirmedRoute = async (prefix, count) => {
    await requireConfirmation(false)
    const { emails, registered } = await registerWithPlugin(
      prefix,
      count,
      "sign_in"
    )
    // No second request: a phase that took nothing.
    const none = {
      latencies: emails.map(() => 0),
      wall: 0,
      failures: 0,
      firstFailure: null,
      cpu: { server_cpu_ms: 0, postgres_cpu_ms: 0 },
      load_before: registered.load_after,
      load_after: registered.load_after,
    }
    return [registered, none]
  }

  /** The plugin's two requests: register, then activate with the emailed code. */
  const pluginRoutes = async (prefix, count) => {
    await requireConfirmation(true)
    const { emails, registered } = await registerWithPlugin(
      prefix,
      count,
      "confirm_email"
    )
    const tokens = new Map()
    for (let i = 0; i < emails.length; i += 100) {
      for (const [email, token] of await confirmationTokens(
        emails.slice(i, i + 100)
      )) {
        tokens.set(email, token)
      }
    }
    const activated = await phase(plugin, emails, async (email) => {
      const res = await request(
        `${plugin.url}/store/credentials/activate`,
        "POST",
        { token: tokens.get(email) ?? "missing" },
        stores.plugin
      )
      return failure(res, 200)
    })
    return [registered, activated]
  }

  const variants = [
    {
      name: "stock",
      run: (prefix, count) => coreRoutes(stock, stores.stock, prefix, count),
    },
    { name: "plugin", run: pluginRoutes },
    { name: "unconfirmed", run: unconfirmedRoute },
    {
      name: "gated",
      run: async (prefix, count) => {
        await requireConfirmation(true)
        return coreRoutes(plugin, stores.plugin, prefix, count)
      },
    },
  ]

  log("registration: warm-up")
  for (const variant of selectRoutes(variants)) {
    await variant.run(`warm-${variant.name}`, 12)
  }
  const perRound = await alternate(variants, ROUNDS, async (variant, round) => {
    log(
      `registration: round ${round + 1}/${ROUNDS} ${variant.name}, ${PER_ROUND} registrations, ${CONCURRENCY} at a time (load ${load1()})`
    )
    return variant.run(`${variant.name}-${round}`, PER_ROUND)
  })

  const results = {}
  for (const variant of selectRoutes(variants)) {
    results[variant.name] = summarize(variant.name, perRound[variant.name])
    emit(results[variant.name])
  }
  const perSecond = (figures) => ({
    ...figures,
    requests_per_second: figures.registrations_per_second,
  })
  const compare = (measured, baseline, target) => {
    if (!results[measured] || !results[baseline]) {
      return
    }
    emit({
      bench: "registration",
      ratio: `${measured}/${baseline}`,
      ...ratios(perSecond(results[measured]), perSecond(results[baseline])),
      per_round_throughput_ratios: perRound[measured].map((phases, i) => {
        const wall = (rounds) => rounds.reduce((sum, p) => sum + p.wall, 0)
        return wall(phases) / wall(perRound[baseline][i])
      }),
      ...(target ? { target } : {}),
    })
  }
  compare("plugin", "stock", 1.05)
  compare("unconfirmed", "stock", 1.05)
  compare("gated", "stock")
} finally {
  await servers.stop()
}
