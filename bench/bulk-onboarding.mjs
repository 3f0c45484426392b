// Admin bulk onboarding through POST /admin/credentials/bulk, on a server of its own:
//
//   node bench/bulk-onboarding.mjs    (BENCH_ACTIVATIONS, BENCH_GENERATIONS)
//
// (a) "send activation email" to 1,000 customers, then to BENCH_ACTIVATIONS (10,000)
//     others: the time from the request to the job's completion, and the server's peak
//     resident memory during each run (VmRSS from /proc/<pid>/status, sampled every
//     100 ms): flat memory means the same peak for 1,000 and 10,000.
// (b) "generate and send credentials" to BENCH_GENERATIONS (1,000) customers in
//     BENCH_ROUNDS (3) rounds: one scrypt derivation per customer, so the ceiling is what
//     scrypt alone does on these cores (scrypt-ceiling.mjs, with emailpass's parameters,
//     on the idle machine just before each round).
// Customers are seeded with SQL (guests with an email and a first name, no login).
import {
  adminAndStoreHeaders,
  cores,
  countCpu,
  emailpassScryptParams,
  emit,
  freshDatabase,
  log,
  load1,
  measureScryptCeiling,
  must,
  psql,
  request,
  rssKb,
  sampleRss,
  sleep,
  startServer,
} from "./lib.mjs"

const DB = process.env.BENCH_DB ?? "medusa_credentials_bench"
const ACTIVATIONS = Number(process.env.BENCH_ACTIVATIONS ?? 10_000)
const SMALL = Number(process.env.BENCH_SMALL_ACTIVATIONS ?? 1_000)
const GENERATIONS = Number(process.env.BENCH_GENERATIONS ?? 1_000)
// With BENCH_SERVER_NODE_OPTIONS=--max-old-space-size=256 the server's heap is capped:
// V8 otherwise grows its heap while memory is free instead of collecting, so the
// uncapped peak says little about what a run keeps alive.
const HEAP =
  /max-old-space-size=(\d+)/.exec(
    process.env.BENCH_SERVER_NODE_OPTIONS ?? ""
  )?.[1] ?? null
const SKIP_GENERATE = process.env.BENCH_SKIP_GENERATE === "true"
const GENERATE_ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3)

const seed = (prefix, count) =>
  psql(
    DB,
    `INSERT INTO customer (id, email, first_name, has_account)
     SELECT 'cus_${prefix}_' || lpad(i::text, 6, '0'), '${prefix}-' || i || '@bench.test', 'Name' || i, false
     FROM generate_series(1, ${count}) AS i`
  )
const idsOf = (prefix, count) =>
  Array.from(
    { length: count },
    (_, i) => `cus_${prefix}_${String(i + 1).padStart(6, "0")}`
  )

/** Starts a job, polls it to the end; returns the job, the wall time and the peak RSS. */
const runJob = async (url, admin, pid, body) => {
  const stopSampling = sampleRss(pid)
  const start = performance.now()
  const { job } = await must(
    request(`${url}/admin/credentials/bulk`, "POST", body, admin),
    "start job"
  )
  let current = job
  let lastLogged = 0
  while (current.status === "queued" || current.status === "running") {
    await sleep(250)
    current = (
      await must(
        request(
          `${url}/admin/credentials/bulk/${job.id}`,
          "GET",
          undefined,
          admin
        ),
        "job"
      )
    ).job
    if (current.processed - lastLogged >= Math.max(100, current.total / 10)) {
      lastLogged = current.processed
      log(
        `  ${body.action}: ${current.processed}/${current.total} after ${((performance.now() - start) / 1000).toFixed(1)} s`
      )
    }
  }
  return {
    job: current,
    seconds: (performance.now() - start) / 1000,
    peakKb: stopSampling(),
  }
}

/** Waits (up to 60 s) until the server and its database use under 5% of a core. */
const untilIdle = async (pid, db) => {
  for (let i = 0; i < 60; i++) {
    const cpu = countCpu({ pid, db })
    await sleep(1000)
    const { server_cpu_ms, postgres_cpu_ms } = cpu(1)
    if (server_cpu_ms + postgres_cpu_ms < 50) {
      return
    }
  }
  log("bulk: the server did not go idle; measuring anyway")
}

log("bulk: fresh database and server")
freshDatabase(DB)
const server = await startServer(DB)
try {
  const { admin } = await adminAndStoreHeaders(server.url)
  seed("small", SMALL)

  // A small warm-up so both measured runs start from a warm server.
  seed("warm", 50)
  await runJob(server.url, admin, server.pid, {
    action: "send_activation",
    customer_ids: idsOf("warm", 50),
  })
  const baselineKb = rssKb(server.pid)

  log(`bulk: send_activation to ${SMALL} customers`)
  const small = await runJob(server.url, admin, server.pid, {
    action: "send_activation",
    customer_ids: idsOf("small", SMALL),
  })
  seed("large", ACTIVATIONS)
  log(
    `bulk: send_activation to ${ACTIVATIONS} customers (every customer without a login)`
  )
  const large = await runJob(server.url, admin, server.pid, {
    action: "send_activation",
    all_unregistered: true,
  })
  const sent = Number(
    psql(
      DB,
      `SELECT count(*) FROM notification WHERE template = 'customer-account-activation' AND "to" LIKE 'large-%'`
    )
  )
  for (const [count, run] of [
    [SMALL, small],
    [ACTIVATIONS, large],
  ]) {
    emit({
      bench: "bulk",
      action: "send_activation",
      customers: count,
      status: run.job.status,
      succeeded: run.job.succeeded,
      failed: run.job.failed,
      seconds: run.seconds,
      customers_per_second: count / run.seconds,
      baseline_rss_mb: baselineKb / 1024,
      peak_rss_mb: run.peakKb / 1024,
      heap_cap_mb: HEAP && Number(HEAP),
    })
  }
  emit({
    bench: "bulk",
    action: "send_activation",
    check: "emails",
    notifications_created: sent,
    expected: ACTIVATIONS,
    target_seconds: 60,
    peak_rss_ratio_large_over_small: large.peakKb / small.peakKb,
    heap_cap_mb: HEAP && Number(HEAP),
  })
  // (b) generate and send credentials (not in the capped-heap run, which
  // measures memory only), in rounds: before each, what scrypt alone does on
  // the idle machine (a fresh process, one derivation at a time and one per
  // core), so a change in the machine's speed touches both alike.
  if (!SKIP_GENERATE) {
    const params = emailpassScryptParams()
    const perRound = Math.ceil(GENERATIONS / GENERATE_ROUNDS)
    const rounds = []
    for (let round = 0; round < GENERATE_ROUNDS; round++) {
      // The server may still be finishing earlier work (the activation
      // runs' emails), which would slow the derivations measured here.
      await untilIdle(server.pid, DB)
      const alone = await measureScryptCeiling(params)
      // The higher of the two: cores ÷ one derivation, and what one per
      // core reached (on this machine sometimes more: one derivation at a
      // time runs slower than two side by side).
      const ceiling = Math.max(
        (cores() * 1000) / alone.one_ms,
        alone.parallel_per_second
      )
      const prefix = `gen${round}`
      seed(prefix, perRound)
      log(
        `bulk: generate_credentials round ${round + 1}: ${perRound} customers (scrypt ${JSON.stringify(params)}: ${alone.one_ms.toFixed(1)} ms, ${alone.parallel_per_second.toFixed(1)}/s with one per core)`
      )
      const cpu = countCpu({ pid: server.pid, db: DB })
      const gen = await runJob(server.url, admin, server.pid, {
        action: "generate_credentials",
        customer_ids: idsOf(prefix, perRound),
      })
      rounds.push({
        ...gen,
        ...cpu(perRound),
        ceiling,
        alone,
        load: load1(),
      })
    }
    const seconds = rounds.reduce((sum, round) => sum + round.seconds, 0)
    const customers = perRound * rounds.length
    const throughput = customers / seconds
    // The ceiling over the whole run: each round's, weighted by its time.
    const ceiling =
      rounds.reduce((sum, round) => sum + round.ceiling * round.seconds, 0) /
      seconds
    emit({
      bench: "bulk",
      action: "generate_credentials",
      customers,
      status: rounds.every((round) => round.job.status === "completed")
        ? "completed"
        : rounds.map((round) => round.job.status).join(","),
      succeeded: rounds.reduce((sum, round) => sum + round.job.succeeded, 0),
      failed: rounds.reduce((sum, round) => sum + round.job.failed, 0),
      seconds,
      customers_per_second: throughput,
      scrypt: params,
      scrypt_ms: Math.min(...rounds.map((round) => round.alone.one_ms)),
      cores: cores(),
      ceiling_per_second: ceiling,
      share_of_ceiling: throughput / ceiling,
      target_share: 0.85,
      // CPU per customer, server (scrypt included) + PostgreSQL: what is
      // not scrypt is what keeps the run under its ceiling.
      server_cpu_ms:
        rounds.reduce((sum, round) => sum + round.server_cpu_ms, 0) /
        rounds.length,
      postgres_cpu_ms:
        rounds.reduce((sum, round) => sum + round.postgres_cpu_ms, 0) /
        rounds.length,
      rounds: rounds.map((round) => ({
        seconds: round.seconds,
        share: perRound / round.seconds / round.ceiling,
        scrypt_one_ms: round.alone.one_ms,
        scrypt_parallel_per_second: round.alone.parallel_per_second,
        load: round.load,
      })),
      peak_rss_mb: Math.max(...rounds.map((round) => round.peakKb)) / 1024,
    })
  }
} finally {
  await server.stop()
}
