// An authenticated store request: what the plugin's token check (every
// customer token on every /store and /auth request: src/api/gates/
// gate-customer-token.ts) costs against Medusa without the plugin, measured
// in the same run.
//
//   node bench/customer-me.mjs   (BENCH_SECONDS per route and round,
//                                 BENCH_ROUNDS, BENCH_CONNECTIONS)
//
// Two servers started alike (bench/lib.mjs): the plugin's and the stock app's
// (bench/stock-app: the same Medusa, no plugin). Routes, each
// GET /store/customers/me with the store's publishable key:
//   stock        stock server, a customer's bearer token (core's sign-in)
//   plugin       plugin server, a customer's bearer token (the plugin's sign-in);
//                the token gate reads the login's identity and its credential
//                row on every request
//   anon-stock   stock server, no token (core answers 401)
//   anon-plugin  plugin server, no token: what the plugin adds to a /store
//                request that carries no token (no read), for comparison
// The routes run BENCH_ROUNDS times, alternating their order; the figures
// are totals over the rounds.
import autocannon from "autocannon"
import {
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
// A request takes a few milliseconds: more, shorter rounds than the sign-in,
// so that a change in the machine's load touches both servers alike.
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10)
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 4)
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 4)
const PASSWORD = "Bench-Shopper-Passw0rd!"
const EMAIL = "me@bench.test"
const PATH = "/store/customers/me"

log("customer-me: plugin and stock servers")
const servers = await startPluginAndStock(DB)
try {
  const { plugin, stock } = servers
  const pluginHeaders = await adminAndStoreHeaders(plugin.url)
  const stockHeaders = await adminAndStoreHeaders(stock.url)

  // The plugin's customer, made as a merchant makes one (bench/lib.mjs).
  await pluginCustomer(plugin.url, pluginHeaders.admin, EMAIL, PASSWORD)
  const { token } = await must(
    request(
      `${plugin.url}/store/credentials/login`,
      "POST",
      { identifier: EMAIL, password: PASSWORD },
      pluginHeaders.store
    ),
    "plugin sign-in"
  )
  const pluginBearer = { authorization: `Bearer ${token}` }
  const stockBearer = await stockCustomer(
    stock.url,
    stockHeaders.store,
    EMAIL,
    PASSWORD
  )

  const routes = [
    {
      name: "stock",
      server: stock,
      headers: { ...stockHeaders.store, ...stockBearer },
      status: 200,
    },
    {
      name: "plugin",
      server: plugin,
      headers: { ...pluginHeaders.store, ...pluginBearer },
      status: 200,
    },
    {
      name: "anon-stock",
      server: stock,
      headers: stockHeaders.store,
      status: 401,
    },
    {
      name: "anon-plugin",
      server: plugin,
      headers: pluginHeaders.store,
      status: 401,
    },
  ].map((route) => ({ ...route, method: "GET", path: PATH }))

  const warmed = new Set()
  const perRound = await alternate(routes, ROUNDS, async (route, round) => {
    const { server, headers } = route
    if (!warmed.has(route.name)) {
      const answer = await request(
        `${server.url}${PATH}`,
        "GET",
        undefined,
        headers
      )
      if (answer.status !== route.status) {
        throw new Error(
          `${route.name}: ${answer.status} ${JSON.stringify(answer.data)}`
        )
      }
      await loadTest(autocannon, server, route, {
        seconds: 4,
        connections: CONNECTIONS,
      })
      warmed.add(route.name)
    }
    await sleep(1000)
    log(
      `customer-me: round ${round + 1}/${ROUNDS} ${route.name} for ${SECONDS}s, ${CONNECTIONS} connections (load ${load1()})`
    )
    const figures = await loadTest(autocannon, server, route, {
      seconds: SECONDS,
      connections: CONNECTIONS,
    })
    emit({
      bench: "customer-me",
      route: route.name,
      path: PATH,
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
    const figures = results[route.name]
    // 401 is the expected answer without a token
    const unexpected =
      route.status === 200 ? figures.non_2xx : figures.total - figures.non_2xx
    emit({
      bench: "customer-me",
      route: route.name,
      path: PATH,
      server: route.server === plugin ? "plugin" : "stock",
      expected_status: route.status,
      unexpected_status: unexpected,
      ...figures,
    })
  }
  const compare = (measured, baseline, target) => {
    if (!results[measured] || !results[baseline]) {
      return
    }
    emit({
      bench: "customer-me",
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
  compare("anon-plugin", "anon-stock")
} finally {
  await servers.stop()
}
