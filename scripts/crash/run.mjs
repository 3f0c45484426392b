// Fault injection (`npm run test:crash -- --runs 20 [--seed N] [--actions 16]
// [--kinds register,...] [--redis]`): a real Medusa server (`medusa start`, production mode, the
// plugin loaded, bench/lib.mjs) is SIGKILLed at a seeded random moment while
// registrations, backoffice activations, own password changes, admin
// generates and manual entries run at once. The server is started again on
// the same database, the reconciliation pass runs (`medusa exec
// src/scripts/reconcile-credentials.ts 0`), and then every email is checked:
//
// - the admin sees its customer (GET /admin/customers/:id/credentials);
// - at most one registered customer has the email, and no login is linked to
//   a customer that does not exist;
// - the same action, tried again with the same input, succeeds, or is
//   refused only because the first attempt completed (a spent link, a
//   changed current password, "account exists" for a finished registration);
// - the person then signs in with the password the action gave (after
//   confirming the email with the link the store sends, for a registration).
//
// Each run prints its seed; `--seed N --runs 1` replays it (the kill moment
// and the actions are drawn from the seed; the server's timing is not
// replayed, so a replay hits nearby points). Exit code 1 when any email is
// left in an invalid state. Without `--redis` the server uses Medusa's
// in-memory workflow engine, locking and event bus (what `npm run dev` runs);
// with it, REDIS_URL's Redis modules (medusa-config.ts). locking-redis keeps
// a killed process's locks until their ttl: a retry (or the manual entry's
// password alone, which the admin sends when the retry says the login
// exists) refused with "Timed-out acquiring lock" (409) is tried again once
// the ttl has passed since the kill, and counted (`lock_waits`). The answer is a 409 of type "conflict"
// (Medusa's error handler replaces the lock's message with its own).
import { execFile, execFileSync } from "node:child_process"
import { createServer } from "node:net"
import path from "node:path"
import { promisify } from "node:util"
import {
  adminAndStoreHeaders,
  freshDatabase,
  psql,
  ROOT,
  sleep,
  startServer,
} from "../../bench/lib.mjs"

const args = process.argv.slice(2)
const arg = (name, fallback) => {
  const i = args.indexOf(`--${name}`)
  return i === -1 ? fallback : args[i + 1]
}
const RUNS = Number(arg("runs", 20))
const FIRST_SEED = Number(arg("seed", Date.now() % 1_000_000))
const ACTIONS = Number(arg("actions", 16))
const IN_FLIGHT = Number(arg("in-flight", 6))
const KILL_WINDOW_MS = Number(arg("kill-window", 4000))
const REDIS = args.includes("--redis")
const KEEP_DB = args.includes("--keep-db")
// Older code without the reconciliation script: the checks alone.
const NO_RECONCILE = args.includes("--no-reconcile")

// The longest ttl of the locks the actions take (src/workflows: 60 s).
const LOCK_TTL_MS = 60_000

const PASSWORD_0 = "Crash-First-Passw0rd!"
const PASSWORD_1 = "Crash-Second-Passw0rd!"
const ALL_KINDS = ["register", "activate", "change", "generate", "manual"]
// `--kinds register,change`: only these actions (all by default).
const KINDS = arg("kinds", ALL_KINDS.join(","))
  .split(",")
  .filter((kind) => ALL_KINDS.includes(kind))

const log = (...line) => console.error("[crash]", ...line)

/** A small seeded generator (mulberry32): the same seed, the same draws. */
const random = (seed) => {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const freePort = () =>
  new Promise((resolve, reject) => {
    const server = createServer()
    server.once("error", reject)
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address()
      server.close(() => resolve(port))
    })
  })

/**
 * A request that answers `{ status, data }`, or `{ status: 0 }` when the connection dies.
 *
 * Each request has a connection of its own (`connection: close`). The runner
 * blocks its event loop in execFileSync (psql, the reconciliation), and Node's
 * server closes a kept-alive connection after 6 s idle (`Keep-Alive: timeout=5`
 * plus 1 s). A block that outlasts that keeps fetch's pool from dropping the
 * connection (at 3 s idle) and from reading the server's close, so the next
 * request goes out on the closed connection and gets no answer ("other side
 * closed"): the server never sees it (docs/production.md, Fault injection).
 */
const call = async (url, method, body, headers = {}) => {
  try {
    const response = await fetch(url, {
      method,
      headers: {
        "content-type": "application/json",
        connection: "close",
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(30_000),
    })
    const text = await response.text()
    let data = {}
    try {
      data = JSON.parse(text)
    } catch {
      data = { text }
    }
    return { status: response.status, data }
  } catch (error) {
    return { status: 0, data: { error: String(error?.cause ?? error) } }
  }
}

const must = async (promise, what) => {
  const answer = await promise
  if (answer.status < 200 || answer.status >= 300) {
    throw new Error(`${what}: ${answer.status} ${JSON.stringify(answer.data)}`)
  }
  return answer.data
}

const tokenIn = (text) => {
  const url = /(http\S+activate\?token=\S+)/.exec(text ?? "")?.[1]
  return url ? new URL(url).searchParams.get("token") : null
}

/** The newest email to `to` after `since` (an index into sentEmails), waited for. */
const emailTo = async (server, to, since, template, ms = 15_000) => {
  for (let waited = 0; waited <= ms; waited += 200) {
    const found = server
      .sentEmails()
      .slice(since)
      .filter(
        (email) =>
          email.to === to && (!template || email.template.includes(template))
      )
    if (found.length) {
      return found[found.length - 1]
    }
    await sleep(200)
  }
  return null
}

const db = `cc_crash_${process.pid}`
let redisDb = 0
const redis = (...command) =>
  execFileSync("redis-cli", ["-n", String(redisDb), ...command], {
    encoding: "utf8",
  }).trim()

const env = () => ({
  // The limits on sign-in attempts per IP are raised (every request comes
  // from 127.0.0.1), as in the benches.
  REDIS_URL: REDIS ? `redis://127.0.0.1:6379/${redisDb}` : "",
  MEDUSA_WORKER_MODE: "shared",
})

let port = 0
const start = async () => {
  const server = await startServer(db, port, { emails: true, env: env() })
  return server
}

// Run without blocking the event loop (it takes several seconds): fetch's
// pool meanwhile drops the connection startServer's health check left open,
// which would otherwise be reused after the server had closed it (`call`).
const reconcile = async () => {
  const { stdout: out } = await promisify(execFile)(
    path.join(ROOT, "node_modules/.bin/medusa"),
    ["exec", "./src/scripts/reconcile-credentials.ts", "0"],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        ...env(),
        DATABASE_URL: `postgres://postgres@127.0.0.1:5432/${db}`,
        NODE_ENV: "production",
        LOG_LEVEL: "error",
        JWT_SECRET: "bench-jwt-secret",
        COOKIE_SECRET: "bench-cookie-secret",
      },
      encoding: "utf8",
    }
  )
  const line = out
    .split("\n")
    .find((l) => l.startsWith("reconcile-credentials "))
  return line ? JSON.parse(line.slice("reconcile-credentials ".length)) : null
}

const sql = (query) => psql(db, query)

/** Customers of the email (any case), registered or not, and the logins linked to each. */
const stateOf = (email) => {
  const quoted = email.replace(/'/g, "''")
  const customers = sql(
    `select id, has_account from customer where lower(email) = lower('${quoted}') and deleted_at is null`
  )
    .split("\n")
    .filter(Boolean)
    .map((row) => {
      const [id, hasAccount] = row.split("|")
      return { id, has_account: hasAccount === "t" }
    })
  const logins = sql(
    `select ai.id, coalesce(ai.app_metadata->>'customer_id', '') from provider_identity pi join auth_identity ai on ai.id = pi.auth_identity_id where pi.provider = 'emailpass' and lower(pi.entity_id) = lower('${quoted}') and pi.deleted_at is null and ai.deleted_at is null`
  )
    .split("\n")
    .filter(Boolean)
    .map((row) => {
      const [id, customerId] = row.split("|")
      return { id, customer_id: customerId || null }
    })
  return { customers, logins }
}

const main = async () => {
  const started = Date.now()
  log(
    `${RUNS} run(s) from seed ${FIRST_SEED}, ${ACTIONS} actions each, ${IN_FLIGHT} in flight, kill within ${KILL_WINDOW_MS} ms, ${REDIS ? "Redis workflow engine" : "in-memory workflow engine"}`
  )
  if (REDIS) {
    for (redisDb = 1; redisDb <= 15; redisDb++) {
      if (redis("dbsize") === "0") {
        break
      }
    }
    if (redisDb > 15) {
      throw new Error("no empty Redis database (1-15)")
    }
  }
  freshDatabase(db)
  port = await freePort()
  let server = await start()
  const { admin, store } = await adminAndStoreHeaders(server.url)
  await must(
    call(
      `${server.url}/admin/credential-settings`,
      "POST",
      { allow_manual_entry: true },
      admin
    ),
    "settings"
  )

  const totals = {
    runs: 0,
    actions: 0,
    invalid: 0,
    // retries refused because the killed process's lock was still held
    // (--redis), tried again once its ttl had passed
    lock_waits: 0,
    by_kind: {},
    left: {},
    reconcile: {},
  }
  const failures = []

  for (let run = 0; run < RUNS; run++) {
    const seed = FIRST_SEED + run
    const rand = random(seed)
    const runStarted = Date.now()
    const api = (p) => `${server.url}${p}`
    const tag = `s${seed}`

    // 1. What each email's action needs, made before the storm.
    const actions = []
    for (let i = 0; i < ACTIONS; i++) {
      const kind = KINDS[Math.floor(rand() * KINDS.length)]
      const email = `${kind}-${i}-${tag}@crash.test`
      const action = { kind, email }
      if (kind !== "register") {
        const { customer } = await must(
          call(api("/admin/customers"), "POST", { email }, admin),
          "customer"
        )
        action.customer_id = customer.id
      }
      if (kind === "activate") {
        const since = server.sentEmails().length
        await must(
          call(
            api(
              `/admin/customers/${action.customer_id}/credentials/send-activation`
            ),
            "POST",
            {},
            admin
          ),
          "send-activation"
        )
        const mail = await emailTo(server, email, since, "activation")
        action.token = tokenIn(mail?.data?.text)
        if (!action.token) {
          throw new Error(`no activation link for ${email}`)
        }
        // A backoffice activation signs in as its email says: by default
        // with the customer number only (backoffice_activation_sign_in).
        action.identifier =
          mail.data.sign_in_with === "email" ? email : mail.data.customer_number
        if (!action.identifier) {
          throw new Error(`no customer number in the activation for ${email}`)
        }
      }
      if (kind === "change") {
        await must(
          call(
            api(`/admin/customers/${action.customer_id}/credentials/password`),
            "POST",
            {
              password: PASSWORD_0,
              confirm_password: PASSWORD_0,
              email_confirmed: true,
            },
            admin
          ),
          "password"
        )
        const { token } = await must(
          call(
            api("/store/credentials/login"),
            "POST",
            { identifier: email, password: PASSWORD_0 },
            store
          ),
          "sign-in"
        )
        action.bearer = { ...store, authorization: `Bearer ${token}` }
      }
      actions.push(action)
    }
    // The order they are sent in, and the moment of the kill.
    const order = actions
      .map((action) => ({ action, key: rand() }))
      .sort((a, b) => a.key - b.key)
      .map(({ action }) => action)
    const killAfter = Math.floor(rand() * KILL_WINDOW_MS)

    const send = (action, url) => {
      switch (action.kind) {
        case "register":
          return call(
            `${url}/store/credentials/register`,
            "POST",
            {
              email: action.email,
              password: PASSWORD_1,
              first_name: "Crash",
              last_name: "Test",
            },
            store
          )
        case "activate":
          return call(
            `${url}/store/credentials/activate`,
            "POST",
            { token: action.token, password: PASSWORD_1 },
            store
          )
        case "change":
          return call(
            `${url}/store/customers/me/password`,
            "POST",
            { current_password: PASSWORD_0, new_password: PASSWORD_1 },
            action.bearer
          )
        case "generate":
          return call(
            `${url}/admin/customers/${action.customer_id}/credentials/generate`,
            "POST",
            {},
            admin
          )
        case "manual":
          return call(
            `${url}/admin/customers/${action.customer_id}/credentials/password`,
            "POST",
            {
              password: PASSWORD_1,
              confirm_password: PASSWORD_1,
              email_confirmed: true,
            },
            admin
          )
      }
    }

    // 2. The storm, and the kill.
    const firstUrl = server.url
    const sending = (async () => {
      const queue = [...order]
      await Promise.all(
        Array.from({ length: IN_FLIGHT }, async () => {
          for (let action = queue.shift(); action; action = queue.shift()) {
            action.first = await send(action, firstUrl)
          }
        })
      )
    })()
    await sleep(killAfter)
    process.kill(server.pid, "SIGKILL")
    const killedAt = Date.now()
    await sending
    const killed = server
    for (let i = 0; i < 40; i++) {
      try {
        process.kill(killed.pid, 0)
        await sleep(100)
      } catch {
        break
      }
    }

    // 3. Start again, reconcile.
    server = await start()
    const report = NO_RECONCILE ? {} : await reconcile()
    for (const [key, value] of Object.entries(report ?? {})) {
      if (typeof value === "number") {
        totals.reconcile[key] = (totals.reconcile[key] ?? 0) + value
      }
    }

    // 4. Every email: a valid state, and its action tried again succeeds.
    const url = server.url
    // locking-redis keeps the killed process's lock until its ttl (at most
    // LOCK_TTL_MS): a request refused because of it (409; Medusa's error
    // handler answers every CONFLICT with its own sentence, "The request
    // conflicted with another request…") is tried again once it has expired,
    // as the person or the admin asked to try again would.
    const afterLock = async (request) => {
      const answer = await request()
      if (
        !REDIS ||
        answer.status !== 409 ||
        !(
          answer.data?.type === "conflict" ||
          /acquir(e|ing) lock/i.test(answer.data?.message ?? "")
        )
      ) {
        return answer
      }
      totals.lock_waits++
      await sleep(Math.max(0, killedAt + LOCK_TTL_MS + 1000 - Date.now()))
      const again = await request()
      again.waited_for_lock = true
      return again
    }
    const outcomes = {}
    for (const action of actions) {
      const problems = []
      const first = action.first?.status ?? -1
      if (action.kind === "register" && first === 0) {
        // What the kill left, before anything is tried again.
        const left = stateOf(action.email)
        const halfState = !left.customers.length
          ? left.logins.length
            ? "login only"
            : "nothing"
          : left.logins.some((l) => l.customer_id)
            ? "complete"
            : "customer without its login"
        totals.left[`register: ${halfState}`] =
          (totals.left[`register: ${halfState}`] ?? 0) + 1
      }
      const retry = await afterLock(() => send(action, url))
      let password = PASSWORD_1
      let outcome
      const okFirst = first >= 200 && first < 300
      if (retry.status >= 200 && retry.status < 300) {
        outcome = okFirst ? "done, retry ok" : "cut, retry completed"
      } else {
        outcome = okFirst ? "done, retry refused" : `cut, retry ${retry.status}`
      }
      if (retry.waited_for_lock) {
        outcome += " (after the lock's ttl)"
      }

      if (action.kind === "register") {
        // Confirm the email with the link the store sends, then sign in.
        let since = server.sentEmails().length
        if (!(retry.status >= 200 && retry.status < 300)) {
          if (retry.status !== 409) {
            problems.push(
              `register again: ${retry.status} ${JSON.stringify(retry.data)}`
            )
          }
          since = server.sentEmails().length
          await call(
            `${url}/store/credentials/resend-activation`,
            "POST",
            { email: action.email },
            store
          )
        } else {
          since = 0
        }
        const mail = await emailTo(server, action.email, since, null, 8000)
        const token = tokenIn(mail?.data?.text)
        if (token) {
          // The registration's link confirms the email (`{ token }`); a
          // guest's, or a resumed guest's, chooses the password with it.
          const confirmed = await call(
            `${url}/store/credentials/activate`,
            "POST",
            { token },
            store
          )
          if (confirmed.status !== 200) {
            const withPassword = await call(
              `${url}/store/credentials/activate`,
              "POST",
              { token, password: PASSWORD_1 },
              store
            )
            if (withPassword.status !== 200) {
              problems.push(
                `confirmation link: ${confirmed.status}/${withPassword.status}`
              )
            }
          }
        } else {
          problems.push("no confirmation link reached the person")
        }
      } else if (action.kind === "activate") {
        if (
          !(retry.status >= 200 && retry.status < 300) &&
          retry.status !== 400
        ) {
          problems.push(`activate again: ${retry.status}`)
        }
      } else if (action.kind === "change") {
        if (!(retry.status >= 200 && retry.status < 300)) {
          // Refused only because the first change went through.
          const signIn = await call(
            `${url}/store/credentials/login`,
            "POST",
            { identifier: action.email, password: PASSWORD_1 },
            store
          )
          if (signIn.status !== 200) {
            problems.push(
              `change again: ${retry.status}, and the new password does not sign in (${signIn.status})`
            )
          }
        }
      } else if (action.kind === "generate") {
        if (retry.status >= 200 && retry.status < 300) {
          const mail = await emailTo(
            server,
            action.email,
            0,
            "credentials",
            8000
          )
          password = mail?.data?.password ?? null
          if (!password) {
            problems.push("generate again: no password emailed")
          }
        } else {
          problems.push(
            `generate again: ${retry.status} ${JSON.stringify(retry.data)}`
          )
        }
      } else if (action.kind === "manual") {
        if (
          retry.status === 400 &&
          /has a login already/.test(retry.data?.message ?? "")
        ) {
          // The first attempt made the login: the admin does what the
          // answer says (the password alone, then the Email confirmed switch).
          outcome += " (admin followed the answer)"
          // The retry is refused before it takes the lock; the password
          // alone takes it (the killed process's, if still held).
          const again = await afterLock(() =>
            call(
              `${url}/admin/customers/${action.customer_id}/credentials/password`,
              "POST",
              { password: PASSWORD_1, confirm_password: PASSWORD_1 },
              admin
            )
          )
          const confirmed = await afterLock(() =>
            call(
              `${url}/admin/customers/${action.customer_id}/credentials`,
              "POST",
              { email_confirmed: true },
              admin
            )
          )
          if (again.waited_for_lock || confirmed.waited_for_lock) {
            outcome += " (after the lock's ttl)"
          }
          if (again.status !== 200 || confirmed.status !== 200) {
            problems.push(
              `manual entry as the answer says: ${again.status}/${confirmed.status}`
            )
          }
        } else if (!(retry.status >= 200 && retry.status < 300)) {
          problems.push(
            `manual entry again: ${retry.status} ${JSON.stringify(retry.data)}`
          )
        }
      }

      if (password) {
        const signIn = await call(
          `${url}/store/credentials/login`,
          "POST",
          { identifier: action.identifier ?? action.email, password },
          store
        )
        if (signIn.status !== 200) {
          problems.push(`sign-in: ${signIn.status} ${signIn.data?.code ?? ""}`)
        }
      }

      // What the admin and the database show.
      const state = stateOf(action.email)
      const registered = state.customers.filter((c) => c.has_account)
      if (registered.length !== 1) {
        problems.push(`${registered.length} registered customers`)
      }
      for (const login of state.logins) {
        if (
          !login.customer_id ||
          !state.customers.some((c) => c.id === login.customer_id)
        ) {
          problems.push(
            `login ${login.id} linked to ${login.customer_id ?? "nobody"}`
          )
        }
      }
      const customerId = action.customer_id ?? registered[0]?.id
      if (customerId) {
        const seen = await call(
          `${url}/admin/customers/${customerId}/credentials`,
          "GET",
          undefined,
          admin
        )
        if (seen.status !== 200 || !seen.data.credentials?.is_registered) {
          problems.push(
            `admin: ${seen.status} is_registered=${seen.data.credentials?.is_registered}${seen.status ? "" : ` ${seen.data.error}`}`
          )
        }
      }

      const key = `${action.kind}: ${outcome}`
      outcomes[key] = (outcomes[key] ?? 0) + 1
      totals.by_kind[key] = (totals.by_kind[key] ?? 0) + 1
      if (problems.length) {
        totals.invalid++
        failures.push({
          seed,
          email: action.email,
          kind: action.kind,
          first,
          retry: retry.status,
          problems,
        })
        log(
          `seed ${seed}: INVALID ${action.email} (first ${first}, retry ${retry.status}): ${problems.join("; ")}`
        )
      }
    }
    totals.runs++
    totals.actions += actions.length
    const cut = actions.filter((a) => (a.first?.status ?? 0) === 0).length
    log(
      `seed ${seed}: killed after ${killAfter} ms, ${cut}/${actions.length} answers cut; reconcile ${JSON.stringify(
        Object.fromEntries(
          Object.entries(report ?? {}).filter(
            ([k, v]) => typeof v === "number" && v && !k.endsWith("scanned")
          )
        )
      )}; ${failures.filter((f) => f.seed === seed).length} invalid; ${((Date.now() - runStarted) / 1000).toFixed(0)} s`
    )
  }

  await server.stop()
  if (!KEEP_DB) {
    psql("postgres", `DROP DATABASE IF EXISTS "${db}" WITH (FORCE)`)
  }
  if (REDIS) {
    redis("flushdb")
  }
  const summary = {
    ...totals,
    first_seed: FIRST_SEED,
    engine: REDIS ? "redis" : "in-memory",
    seconds: Math.round((Date.now() - started) / 1000),
    failures,
  }
  console.log(JSON.stringify(summary, null, 2))
  process.exit(failures.length ? 1 : 0)
}

main().catch((error) => {
  console.error(error)
  process.exit(2)
})
