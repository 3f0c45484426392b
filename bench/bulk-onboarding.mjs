// Admin bulk onboarding through POST /admin/credentials/bulk, on a server of its own:
//
//   node bench/bulk-onboarding.mjs    (BENCH_ACTIVATIONS, BENCH_GENERATIONS)
//
// (a) "send activation email" to 1,000 customers, then to BENCH_ACTIVATIONS (10,000)
//     others: the time from the request to the job's completion, and the server's peak
//     resident memory during each run (VmRSS from /proc/<pid>/status, sampled every
//     100 ms): flat memory means the same peak for 1,000 and 10,000.
// (b) "generate and send credentials" to BENCH_GENERATIONS (1,000) customers: one scrypt
//     derivation per customer, so the ceiling is cores ÷ one derivation's time, measured
//     here with emailpass's own parameters just before the run.
// Customers are seeded with SQL (guests with an email and a first name, no login).
import {
  adminAndStoreHeaders,
  cores,
  emailpassScryptParams,
  emit,
  freshDatabase,
  log,
  measureScrypt,
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
  // measures memory only)
  if (!SKIP_GENERATE) {
    const params = emailpassScryptParams()
    const scryptMs = await measureScrypt(params)
    const ceiling = (cores() * 1000) / scryptMs
    seed("gen", GENERATIONS)
    log(
      `bulk: generate_credentials to ${GENERATIONS} customers (scrypt ${JSON.stringify(params)}: ${scryptMs.toFixed(1)} ms)`
    )
    const gen = await runJob(server.url, admin, server.pid, {
      action: "generate_credentials",
      customer_ids: idsOf("gen", GENERATIONS),
    })
    const throughput = GENERATIONS / gen.seconds
    emit({
      bench: "bulk",
      action: "generate_credentials",
      customers: GENERATIONS,
      status: gen.job.status,
      succeeded: gen.job.succeeded,
      failed: gen.job.failed,
      seconds: gen.seconds,
      customers_per_second: throughput,
      scrypt: params,
      scrypt_ms: scryptMs,
      cores: cores(),
      ceiling_per_second: ceiling,
      share_of_ceiling: throughput / ceiling,
      target_share: 0.8,
      peak_rss_mb: gen.peakKb / 1024,
    })
  }
} finally {
  await server.stop()
}
