// Sign-in throughput and latency: the plugin's sign-in against Medusa's own
// emailpass handler on a server without the plugin, measured in the same run.
//
//   node bench/sign-in.mjs   (BENCH_SECONDS per route and round, BENCH_ROUNDS,
//                             BENCH_CONNECTIONS to change the load)
//
// Two servers started alike (bench/lib.mjs): the plugin's and the stock app's
// (bench/stock-app: the same Medusa, no plugin). Routes:
//   stock   stock server   POST /auth/customer/emailpass   core's emailpass handler, the baseline
//   plugin  plugin server  POST /store/credentials/login   the plugin's sign-in (gates, lockout, audit)
//   gated   plugin server  POST /auth/customer/emailpass   the same route, answered by the plugin's gates
// and, for the cost the plugin adds to other actors' sign-in (it keeps them
// from signing in with a customer's login: one provider-identity read):
//   admin-stock   stock server   POST /auth/user/emailpass
//   admin-plugin  plugin server  POST /auth/user/emailpass
// Every account's password was hashed by emailpass with the same scrypt
// parameters, so each request costs one scrypt verification. The routes run
// BENCH_ROUNDS times, alternating their order, and the figures are totals.
import autocannon from "autocannon"
import {
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  adminAndStoreHeaders,
  alternate,
  combineRounds,
  emit,
  load1,
  loadTest,
  log,
  must,
  ratios,
  request,
  selectRoutes,
  sleep,
  pluginCustomer,
  startPluginAndStock,
  stockCustomer,
} from "./lib.mjs"

const DB = process.env.BENCH_DB ?? "medusa_credentials_bench"
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15)
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2)
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 4)
const PASSWORD = "Bench-Shopper-Passw0rd!"
const EMAIL = "signin@bench.test"

log("sign-in: plugin and stock servers")
const servers = await startPluginAndStock(DB)
try {
  const { plugin, stock } = servers
  const pluginHeaders = await adminAndStoreHeaders(plugin.url)
  const stockHeaders = await adminAndStoreHeaders(stock.url)

  // The plugin's customer, made as a merchant makes one (bench/lib.mjs).
  await pluginCustomer(plugin.url, pluginHeaders.admin, EMAIL, PASSWORD)
  // The stock customer: Medusa's own registration.
  await stockCustomer(stock.url, stockHeaders.store, EMAIL, PASSWORD)

  const customerBody = { email: EMAIL, password: PASSWORD }
  const adminBody = { email: ADMIN_EMAIL, password: ADMIN_PASSWORD }
  const routes = [
    {
      name: "stock",
      server: stock,
      path: "/auth/customer/emailpass",
      body: customerBody,
      headers: stockHeaders.store,
    },
    {
      name: "plugin",
      server: plugin,
      path: "/store/credentials/login",
      body: { identifier: EMAIL, password: PASSWORD },
      headers: pluginHeaders.store,
    },
    {
      name: "gated",
      server: plugin,
      path: "/auth/customer/emailpass",
      body: customerBody,
      headers: pluginHeaders.store,
    },
    {
      name: "admin-stock",
      server: stock,
      path: "/auth/user/emailpass",
      body: adminBody,
      headers: {},
    },
    {
      name: "admin-plugin",
      server: plugin,
      path: "/auth/user/emailpass",
      body: adminBody,
      headers: {},
    },
  ].map((route) => ({ ...route, method: "POST" }))

  const warmed = new Set()
  const perRound = await alternate(routes, ROUNDS, async (route, round) => {
    const { server, path, body, headers } = route
    if (!warmed.has(route.name)) {
      await must(
        request(`${server.url}${path}`, "POST", body, headers),
        route.name
      )
      await loadTest(autocannon, server, route, {
        seconds: 4,
        connections: CONNECTIONS,
      })
      warmed.add(route.name)
    }
    // autocannon stops on time and leaves up to CONNECTIONS requests running
    // on the server: let them finish before the next run starts.
    await sleep(2000)
    log(
      `sign-in: round ${round + 1}/${ROUNDS} ${route.name} ${path} for ${SECONDS}s, ${CONNECTIONS} connections (load ${load1()})`
    )
    const figures = await loadTest(autocannon, server, route, {
      seconds: SECONDS,
      connections: CONNECTIONS,
    })
    emit({
      bench: "sign-in",
      route: route.name,
      path,
      round: round + 1,
      ...figures,
    })
    return figures
  })

  const measuredRoutes = selectRoutes(routes)
  const results = Object.fromEntries(
    measuredRoutes.map((route) => [
      route.name,
      combineRounds(perRound[route.name]),
    ])
  )
  for (const route of measuredRoutes) {
    emit({
      bench: "sign-in",
      route: route.name,
      path: route.path,
      server: route.server === plugin ? "plugin" : "stock",
      ...results[route.name],
    })
  }
  const compare = (measured, baseline, target) => {
    if (!results[measured] || !results[baseline]) {
      return
    }
    emit({
      bench: "sign-in",
      ratio: `${measured}/${baseline}`,
      ...ratios(results[measured], results[baseline]),
      per_round_throughput_ratios: perRound[measured].map(
        (figures, i) =>
          perRound[baseline][i].requests_per_second /
          figures.requests_per_second
      ),
      ...(target ? { target } : {}),
    })
  }
  compare("plugin", "stock", 1.05)
  compare("gated", "stock", 1.05)
  compare("admin-plugin", "admin-stock")
} finally {
  await servers.stop()
}
