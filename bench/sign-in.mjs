// Sign-in throughput and latency: the plugin's gated sign-in against Medusa's
// own emailpass handler, on the same server in the same run.
//
//   node bench/sign-in.mjs            (BENCH_SECONDS, BENCH_CONNECTIONS to change the load)
//
// Three routes, each for BENCH_SECONDS after a warm-up:
//   core    POST /auth/user/emailpass        core's emailpass handler, ungated (the plugin
//                                            gates /auth/customer/emailpass itself, so core's
//                                            own handler is reached through the user actor)
//   plugin  POST /store/credentials/login     the plugin's sign-in (gates, lockout, audit)
//   gated   POST /auth/customer/emailpass    Medusa's customer route behind the plugin's gates
// Every route signs in one account whose password emailpass hashed with the same scrypt
// parameters, so each request costs one scrypt verification.
import autocannon from "autocannon"
import {
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  adminAndStoreHeaders,
  countCpu,
  emit,
  freshDatabase,
  log,
  must,
  request,
  sleep,
  startServer,
} from "./lib.mjs"

const DB = process.env.BENCH_DB ?? "medusa_credentials_bench"
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20)
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 4)
const PASSWORD = "Bench-Shopper-Passw0rd!"

const run = (url, body, headers, duration) =>
  autocannon({
    url,
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
    connections: CONNECTIONS,
    duration,
  })

log("sign-in: fresh database and server")
freshDatabase(DB)
const server = await startServer(DB)
try {
  const { admin, store } = await adminAndStoreHeaders(server.url)
  await must(
    request(
      `${server.url}/admin/credential-settings`,
      "POST",
      { allow_manual_entry: true },
      admin
    ),
    "settings"
  )
  const { customer } = await must(
    request(
      `${server.url}/admin/customers`,
      "POST",
      { email: "signin@bench.test" },
      admin
    ),
    "customer"
  )
  await must(
    request(
      `${server.url}/admin/customers/${customer.id}/credentials/password`,
      "POST",
      { password: PASSWORD, confirm_password: PASSWORD },
      admin
    ),
    "password"
  )

  const routes = [
    {
      name: "core",
      path: "/auth/user/emailpass",
      body: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD },
      headers: {},
    },
    {
      name: "plugin",
      path: "/store/credentials/login",
      body: { identifier: "signin@bench.test", password: PASSWORD },
      headers: store,
    },
    {
      name: "gated",
      path: "/auth/customer/emailpass",
      body: { email: "signin@bench.test", password: PASSWORD },
      headers: store,
    },
  ]
  const results = {}
  for (const route of routes) {
    await must(
      request(`${server.url}${route.path}`, "POST", route.body, route.headers),
      route.name
    )
    await run(`${server.url}${route.path}`, route.body, route.headers, 4)
    // autocannon stops on time and leaves up to CONNECTIONS requests running
    // on the server: let them finish, or they would count against the same
    // account's attempts at the start of the measured run.
    await sleep(2000)
    log(
      `sign-in: ${route.name} ${route.path} for ${SECONDS}s, ${CONNECTIONS} connections`
    )
    const cpu = countCpu(server.pid)
    const result = await run(
      `${server.url}${route.path}`,
      route.body,
      route.headers,
      SECONDS
    )
    const cpuPerSignIn = cpu(result.requests.total)
    results[route.name] = {
      requests_per_second: result.requests.average,
      p50_ms: result.latency.p50,
      p99_ms: result.latency.p99,
      non_2xx: result.non2xx,
      errors: result.errors,
      total: result.requests.total,
      ...cpuPerSignIn,
    }
    emit({
      bench: "sign-in",
      route: route.name,
      path: route.path,
      ...results[route.name],
    })
  }
  const ratio = (name) => ({
    throughput_ratio:
      results.core.requests_per_second / results[name].requests_per_second,
    p50_ratio: results[name].p50_ms / results.core.p50_ms,
    p99_ratio: results[name].p99_ms / results.core.p99_ms,
    cpu_ratio:
      (results[name].server_cpu_ms + results[name].postgres_cpu_ms) /
      (results.core.server_cpu_ms + results.core.postgres_cpu_ms),
  })
  emit({
    bench: "sign-in",
    ratio: "plugin/core",
    ...ratio("plugin"),
    target: 1.05,
  })
  emit({
    bench: "sign-in",
    ratio: "gated/core",
    ...ratio("gated"),
    target: 1.05,
  })
} finally {
  await server.stop()
}
