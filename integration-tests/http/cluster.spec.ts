import { execFileSync } from "node:child_process"
import { createServer } from "node:net"
import path from "node:path"

/**
 * Two server instances and a worker (`medusa start`, production mode, as
 * bench/lib.mjs starts a server; MEDUSA_WORKER_MODE server/server/worker)
 * on one fresh database and the local Redis, with medusa-config.ts's Redis
 * event bus, workflow engine, locking and caching (REDIS_URL). Requests are
 * spread over both servers, one after the other or at once, and every
 * promise that must hold for the store holds across them: the sign-in lock,
 * the rate limits (per IP, per email, per unknown identifier), revocation,
 * and one valid reset token per email. The limits are the shipped ones.
 */

jest.setTimeout(6 * 60 * 1000)

const PASSWORD = "Cluster-Shopper-Passw0rd!"
const ATTEMPTS = Number(process.env.CLUSTER_ATTEMPTS ?? 1000)
const IN_FLIGHT = 20
const PAIRS = 15

type Started = {
  url: string
  pid: number
  stop: () => Promise<void>
}
type BenchLib = {
  freshDatabase: (db: string) => void
  psql: (db: string, sql: string) => string
  startServer: (
    db: string,
    port: number,
    options: { env: Record<string, string> }
  ) => Promise<Started>
  adminAndStoreHeaders: (url: string) => Promise<{
    admin: Record<string, string>
    store: Record<string, string>
  }>
}

type Answer = {
  status: number
  data: Record<string, any>
  headers: Headers
}

const call = async (
  url: string,
  method: string,
  body?: unknown,
  headers: Record<string, string> = {}
): Promise<Answer> => {
  const response = await fetch(url, {
    method,
    headers: { "content-type": "application/json", ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const text = await response.text()
  let data: Record<string, any> = {}
  try {
    data = JSON.parse(text)
  } catch {
    data = { text }
  }
  return { status: response.status, data, headers: response.headers }
}

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer()
    server.once("error", reject)
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })

const redis = (db: number, ...args: string[]) =>
  execFileSync(
    "redis-cli",
    ["-h", "127.0.0.1", "-p", "6379", "-n", String(db), ...args],
    {
      encoding: "utf8",
    }
  ).trim()

const CLAIM = "customer-credentials-cluster-spec"

/**
 * An empty Redis database (1–15) for this run alone: Medusa's queues and
 * locks live under fixed names, so two runs on one Redis database would
 * take each other's events and jobs.
 */
const claimRedisDatabase = () => {
  for (let db = 1; db <= 15; db++) {
    if (
      redis(db, "dbsize") === "0" &&
      redis(db, "set", CLAIM, String(process.pid), "NX", "EX", "3600") === "OK"
    ) {
      return db
    }
  }
  throw new Error("no empty Redis database (1-15) on 127.0.0.1:6379")
}

describe("two server instances and a worker on one database and Redis", () => {
  let lib: BenchLib
  const db = `cc_cluster_${process.pid}_${Date.now() % 100000}`
  let redisDb = 0
  let servers: Started[] = []
  let worker: Started | undefined
  let admin: Record<string, string>
  let store: Record<string, string>

  /** The i-th request of a series goes to server i mod 2. */
  const on = (i: number) => servers[i % 2].url

  const rateLimitRows = () =>
    Number(lib.psql(db, "SELECT count(*) FROM credential_rate_limit"))

  const createCustomer = async (email: string) => {
    const created = await call(
      `${servers[0].url}/admin/customers`,
      "POST",
      { email },
      admin
    )
    expect(created.status).toBe(200)
    const id = created.data.customer.id as string
    expect(
      (
        await call(
          `${servers[1].url}/admin/customers/${id}/credentials/password`,
          "POST",
          { password: PASSWORD, confirm_password: PASSWORD },
          admin
        )
      ).status
    ).toBe(200)
    expect(
      (
        await call(
          `${servers[0].url}/admin/customers/${id}/credentials`,
          "POST",
          { email_confirmed: true },
          admin
        )
      ).status
    ).toBe(200)
    return id
  }

  const signIn = (url: string, identifier: string, password = PASSWORD) =>
    call(
      `${url}/store/credentials/login`,
      "POST",
      { identifier, password },
      store
    )

  beforeAll(async () => {
    lib = (await import(
      path.join(__dirname, "../../bench/lib.mjs")
    )) as BenchLib
    redisDb = claimRedisDatabase()
    lib.freshDatabase(db)
    const ports = [await freePort(), await freePort(), await freePort()]
    const env = (mode: string) => ({
      REDIS_URL: `redis://127.0.0.1:6379/${redisDb}`,
      MEDUSA_WORKER_MODE: mode,
      // The limits as shipped (bench/lib.mjs raises the per-IP ones).
      CREDENTIALS_RAISE_IP_LIMITS: "false",
    })
    const started = await Promise.allSettled([
      lib.startServer(db, ports[0], { env: env("server") }),
      lib.startServer(db, ports[1], { env: env("server") }),
      lib.startServer(db, ports[2], { env: env("worker") }),
    ])
    for (const result of started) {
      if (result.status === "fulfilled") {
        servers.push(result.value)
      }
    }
    worker = servers.length === 3 ? servers.pop() : undefined
    const failed = started.find((result) => result.status === "rejected")
    if (failed) {
      throw (failed as PromiseRejectedResult).reason
    }
    ;({ admin, store } = await lib.adminAndStoreHeaders(servers[0].url))
    const settings = await call(
      `${servers[1].url}/admin/credential-settings`,
      "POST",
      { allow_manual_entry: true },
      admin
    )
    expect(settings.status).toBe(200)
  })

  afterAll(async () => {
    await Promise.all(
      [...servers, ...(worker ? [worker] : [])].map((s) => s.stop())
    )
    if (lib) {
      lib.psql("postgres", `DROP DATABASE IF EXISTS "${db}" WITH (FORCE)`)
    }
    if (redisDb) {
      redis(redisDb, "flushdb")
    }
  })

  beforeEach(() => {
    // Each test counts from zero, as each test of the other suites on its
    // restored database; the sign-in locks are per account.
    lib.psql(db, "DELETE FROM credential_rate_limit")
  })

  it(`${ATTEMPTS} wrong guesses for one account, spread over both servers, lock it at the threshold (not twice it); another account signs in throughout`, async () => {
    await createCustomer("ann@cluster.test")
    await createCustomer("bob@cluster.test")

    const statuses: number[] = []
    const bystander: number[] = []
    for (let sent = 0; sent < ATTEMPTS; sent += IN_FLIGHT) {
      const burst = await Promise.all(
        Array.from({ length: IN_FLIGHT }, (_, i) =>
          signIn(
            on(sent + i),
            "ann@cluster.test",
            `Guess-${sent + i}-Passw0rd!`
          )
        )
      )
      statuses.push(...burst.map((answer) => answer.status))
      if (sent % 100 === 0) {
        bystander.push(
          (await signIn(on(sent / 100), "bob@cluster.test")).status
        )
      }
    }

    expect(statuses).toHaveLength(ATTEMPTS)
    // The threshold (5), not 5 per instance: the attempt counts in the
    // database before the password is checked.
    expect(statuses.filter((status) => status === 401)).toHaveLength(5)
    expect(statuses.filter((status) => status === 429)).toHaveLength(
      ATTEMPTS - 5
    )
    expect(bystander.every((status) => status === 200)).toBe(true)
    // The right password is refused too, on either server.
    for (const server of servers) {
      const locked = await signIn(server.url, "ann@cluster.test")
      expect(locked.status).toBe(429)
      expect(locked.data.code).toBe("too_many_attempts")
    }
    process.stdout.write(
      `cluster lockout: ${ATTEMPTS} guesses over 2 servers, 5 answered 401, ${ATTEMPTS - 5} refused with 429; bystander ${bystander.length}/${bystander.length} signed in\n`
    )
  })

  it("per-IP and per-identifier limits count across both servers", async () => {
    // forgot-password: 20 per client address (different emails, so the
    // per-email limit is not reached), alternating servers.
    const perIp: Answer[] = []
    for (let i = 0; i < 22; i++) {
      perIp.push(
        await call(
          `${on(i)}/auth/customer/emailpass/reset-password`,
          "POST",
          { identifier: `ip-${i}@cluster.test` },
          store
        )
      )
    }
    expect(perIp.slice(0, 20).map((answer) => answer.status)).toEqual(
      Array(20).fill(201)
    )
    for (const refused of perIp.slice(20)) {
      expect(refused.status).toBe(429)
      expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0)
      expect(refused.data.message).toEqual(expect.any(String))
    }
    expect(rateLimitRows()).toBeGreaterThan(0)

    // forgot-password: 5 per email, whichever server and address.
    lib.psql(db, "DELETE FROM credential_rate_limit")
    const perEmail: number[] = []
    for (let i = 0; i < 7; i++) {
      perEmail.push(
        (
          await call(
            `${on(i)}/auth/customer/emailpass/reset-password`,
            "POST",
            { identifier: "one-email@cluster.test" },
            store
          )
        ).status
      )
    }
    expect(perEmail).toEqual([201, 201, 201, 201, 201, 429, 429])

    // sign-in with an email that has no account: locked like an account,
    // at the threshold (5) per identifier and client, across servers.
    const unknown: number[] = []
    for (let i = 0; i < 8; i++) {
      unknown.push((await signIn(on(i), "nobody@cluster.test")).status)
    }
    expect(unknown).toEqual([401, 401, 401, 401, 401, 429, 429, 429])

    // An identifier the database cannot hold (a NUL, half a surrogate pair)
    // is refused as text before any limit counts it: a 400, never a 500,
    // and no row.
    lib.psql(db, "DELETE FROM credential_rate_limit")
    const hostile = [
      "nul\u0000@cluster.test",
      "a\ud83d@cluster.test",
      "a\ud83e@cluster.test",
    ]
    for (const [i, identifier] of hostile.entries()) {
      const answer = await call(
        `${on(i)}/auth/customer/emailpass/reset-password`,
        "POST",
        { identifier },
        store
      )
      expect(answer.status).toBe(400)
    }
    expect(
      Number(
        lib.psql(
          db,
          "SELECT count(*) FROM credential_rate_limit WHERE key LIKE 'credentials-reset_password_per_email:%'"
        )
      )
    ).toBe(0)
  })

  /** Asks `url` for the customer until it refuses the token; the delay (ms). */
  const refusedAfter = async (url: string, token: string) => {
    const start = performance.now()
    let requests = 0
    for (;;) {
      requests++
      const me = await call(`${url}/store/customers/me`, "GET", undefined, {
        ...store,
        authorization: `Bearer ${token}`,
      })
      const elapsed = performance.now() - start
      if (me.status === 401) {
        return { ms: Math.round(elapsed), requests }
      }
      expect(me.status).toBe(200)
      expect(elapsed).toBeLessThan(1000)
      await new Promise((resolve) => setTimeout(resolve, 10))
    }
  }

  it("a token revoked on one server is refused by the other on its next request (within 1 s)", async () => {
    const id = await createCustomer("carol@cluster.test")
    const [a, b] = servers.map((server) => server.url)

    // Sign-out-everywhere on server A; server B has already seen the token.
    const first = await signIn(a, "carol@cluster.test")
    expect(first.status).toBe(200)
    const bearer = { ...store, authorization: `Bearer ${first.data.token}` }
    expect(
      (await call(`${b}/store/customers/me`, "GET", undefined, bearer)).status
    ).toBe(200)
    expect(
      (
        await call(
          `${a}/store/credentials/sign-out-everywhere`,
          "POST",
          {},
          bearer
        )
      ).status
    ).toBe(200)
    const signOut = await refusedAfter(b, first.data.token)

    // The admin turns sign-in off on server B; server A has seen the token.
    const second = await signIn(b, "carol@cluster.test")
    expect(second.status).toBe(200)
    expect(
      (
        await call(`${a}/store/customers/me`, "GET", undefined, {
          ...store,
          authorization: `Bearer ${second.data.token}`,
        })
      ).status
    ).toBe(200)
    expect(
      (
        await call(
          `${b}/admin/customers/${id}/credentials`,
          "POST",
          { login_enabled: false },
          admin
        )
      ).status
    ).toBe(200)
    const disabled = await refusedAfter(a, second.data.token)

    process.stdout.write(
      `cluster revocation: sign-out-everywhere on A refused on B after ${signOut.ms} ms (${signOut.requests} request(s)); sign-in turned off on B refused on A after ${disabled.ms} ms (${disabled.requests} request(s))\n`
    )
  })

  it("20 simultaneous forgot-password requests and 20 admin resets for one email, spread over both servers, leave exactly one valid reset token, as do resets sent in pairs, one to each server", async () => {
    const email = "reset-race@cluster.test"
    const id = await createCustomer(email)
    const validTokens = () =>
      Number(
        lib.psql(
          db,
          `SELECT count(*) FROM auth_password_reset_token WHERE entity_id = '${email}' AND deleted_at IS NULL AND expires_at > now()`
        )
      )
    const resetEmails = () =>
      Number(
        lib.psql(
          db,
          `SELECT count(*) FROM notification WHERE "to" = '${email}' AND template = 'customer-password-reset'`
        )
      )

    const forgot = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        call(
          `${on(i)}/auth/customer/emailpass/reset-password`,
          "POST",
          { identifier: email },
          store
        )
      )
    )
    expect(forgot.every((answer) => [201, 429].includes(answer.status))).toBe(
      true
    )
    const accepted = forgot.filter((answer) => answer.status === 201).length
    // The per-email limit (5), shared by both servers.
    expect(accepted).toBe(5)

    const resets = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        call(
          `${on(i)}/admin/customers/${id}/credentials/reset-password`,
          "POST",
          {},
          admin
        )
      )
    )
    expect(resets.map((answer) => answer.status)).toEqual(Array(20).fill(202))

    // Each token is emailed by the worker once issued: wait for them all.
    const deadline = Date.now() + 60_000
    while (resetEmails() < accepted + 20) {
      expect(Date.now()).toBeLessThan(deadline)
      await new Promise((resolve) => setTimeout(resolve, 200))
    }
    expect(resetEmails()).toBe(accepted + 20)
    expect(validTokens()).toBe(1)

    // Only the last race shows in the end state (a later reset voids both
    // tokens of an earlier one): pairs, one reset on each server at the
    // same moment, each checked. With a lock per process (Medusa's
    // in-memory locking provider) some pairs leave two valid tokens.
    const afterPairs: number[] = []
    for (let pair = 0; pair < PAIRS; pair++) {
      const both = await Promise.all(
        servers.map((server) =>
          call(
            `${server.url}/admin/customers/${id}/credentials/reset-password`,
            "POST",
            {},
            admin
          )
        )
      )
      expect(both.map((answer) => answer.status)).toEqual([202, 202])
      afterPairs.push(validTokens())
    }
    expect(afterPairs).toEqual(Array(PAIRS).fill(1))
  })
})
