import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import fc from "fast-check"
import { createAdminAndSignIn } from "./utils/admin"
import { failure } from "./utils/credentials"
import { createRegisteredCustomer } from "./utils/customers"
import {
  EVERY_HOSTILE_STRING,
  hostileString,
  invalidBody,
  storable,
  type FuzzedRoute,
} from "./utils/fuzz-bodies"
import { DEFAULT_CREDENTIALS_OPTIONS } from "../../src/modules/credentials/options"
import { checkPasswordRules } from "../../src/modules/credentials/utils/password-policy"
import { createPublishableKeyHeader } from "./utils/store"
import { STORE_PASSWORD, tokenFrom } from "./utils/store-session"

jest.setTimeout(10 * 60 * 1000)

const RUNS_PER_ROUTE = Number(process.env.FUZZ_RUNS_PER_ROUTE ?? 100)
/** Hostile strings per field (one field at a time, the others valid). */
const STRING_RUNS_PER_FIELD = Number(process.env.FUZZ_STRING_RUNS ?? 16)

/** Every table a refused request could touch. */
const WATCHED_TABLES = [
  "customer_credential",
  "credential_settings",
  "credential_event",
  "customer_reference",
  "credential_bulk_job",
  "customer",
  "customer_address",
  "auth_identity",
  "provider_identity",
  "notification",
  "credential_sign_in_client",
  // Core's tokens: reset links, email verification codes.
  "auth_password_reset_token",
  "auth_verification",
]

/** Express's JSON body limit: 100 kB, 1 MB for the bulk route (its middlewares). */
const bodyLimit = (path: string) =>
  path === "/admin/credentials/bulk" ? 1024 * 1024 : 100 * 1024

const routes = (
  customerId: string,
  companyId: string,
  referenceId: string
): FuzzedRoute[] => {
  const customer = `/admin/customers/${customerId}`
  const admin = (
    name: string,
    path: string,
    fields: FuzzedRoute["fields"]
  ): FuzzedRoute => ({ name, path, fields, strict: true, auth: "admin" })
  const store = (
    name: string,
    path: string,
    fields: FuzzedRoute["fields"],
    auth: FuzzedRoute["auth"] = "none",
    strict = true
  ): FuzzedRoute => ({ name, path, fields, strict, auth })
  return [
    admin("settings", "/admin/credential-settings", {
      customer_accounts_enabled: "boolean",
      allow_manual_entry: "boolean",
      password_ticket_expiration_minutes: "int",
      require_email_confirmation: "boolean",
      customers_can_change_password: "boolean",
      password_policy: "object",
      force_login: "boolean",
      lockout_threshold: "int",
      lockout_window_minutes: "int",
      lockout_minutes: "int",
      sso_enabled: "boolean",
      sso_only: "boolean",
      sso_button_label: "string",
      sso_allowed_email_domains: "array",
      permissions: "object",
    }),
    admin("credentials", `${customer}/credentials`, {
      login_enabled: "boolean",
      email_confirmed: "boolean",
    }),
    admin("manual password", `${customer}/credentials/password`, {
      password: "string",
      confirm_password: "string",
      temporary: "boolean",
    }),
    admin("generate", `${customer}/credentials/generate`, {}),
    admin("reset password", `${customer}/credentials/reset-password`, {}),
    admin("send activation", `${customer}/credentials/send-activation`, {}),
    admin("unlock", `${customer}/credentials/unlock`, {}),
    admin("add reference", `${customer}/references`, {
      email: "string",
      display_name: "string",
      internet_user: "boolean",
      permissions: "object",
    }),
    admin(
      "update reference",
      `/admin/customers/${companyId}/references/${referenceId}`,
      {
        display_name: "string",
        internet_user: "boolean",
        permissions: "object",
      }
    ),
    admin("bulk", "/admin/credentials/bulk", {
      action: "string",
      customer_ids: "array",
      all_unregistered: "boolean",
    }),
    store("register", "/store/credentials/register", {
      email: "string",
      password: "string",
      first_name: "string",
      last_name: "string",
    }),
    store("activate", "/store/credentials/activate", {
      token: "string",
      password: "string",
    }),
    store("resend activation", "/store/credentials/resend-activation", {
      email: "string",
    }),
    store("login", "/store/credentials/login", {
      identifier: "string",
      password: "string",
    }),
    store(
      "select account",
      "/store/credentials/select-account",
      { customer_id: "string" },
      "selection"
    ),
    store(
      "switch account",
      "/store/credentials/switch-account",
      { customer_id: "string" },
      "customer"
    ),
    store(
      "change password",
      "/store/customers/me/password",
      { current_password: "string", new_password: "string" },
      "customer"
    ),
    store(
      "core sign-in (gated)",
      "/auth/customer/emailpass",
      { email: "string", password: "string" },
      "none",
      false
    ),
  ]
}

medusaIntegrationTestRunner({
  inApp: true,
  env: {},
  testSuite: ({ api, getContainer }) => {
    let adminHeaders: Record<string, string>
    let storeHeaders: Record<string, string>
    let customerToken: string
    let selectionToken: string
    let customerId: string
    let referenceId: string
    let companyId: string

    const snapshot = async () => {
      const pg = getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION)
      const rows: Record<string, string> = {}
      for (const table of WATCHED_TABLES) {
        const result = await pg.raw(
          `SELECT count(*)::int AS count, md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS digest FROM "${table}" t`
        )
        rows[table] = `${result.rows[0].count}:${result.rows[0].digest}`
      }
      return rows
    }

    beforeEach(async () => {
      const container = getContainer()
      ;({ headers: adminHeaders } = await createAdminAndSignIn(container, api))
      storeHeaders = await createPublishableKeyHeader(container)
      const customer = await createRegisteredCustomer(container, {
        email: "fuzz-target@example.com",
        password: STORE_PASSWORD,
      })
      customerId = customer.id
      await api.post(
        `/admin/customers/${customerId}/credentials`,
        { email_confirmed: true },
        { headers: adminHeaders }
      )
      const signIn = await api.post(
        "/store/credentials/login",
        { identifier: "fuzz-target@example.com", password: STORE_PASSWORD },
        { headers: storeHeaders }
      )
      customerToken = signIn.data.token
      const company = await container
        .resolve("customer")
        .createCustomers({ email: "company@example.com", company_name: "Co" })
      const added = await api.post(
        `/admin/customers/${company.id}/references`,
        { email: "fuzz-target@example.com" },
        { headers: adminHeaders }
      )
      companyId = company.id
      referenceId = added.data.reference.id
      // With a reference, the login chooses an account: the selection token
      // lets select-account cases reach its validation.
      const choose = await api
        .post(
          "/store/credentials/login",
          { identifier: "fuzz-target@example.com", password: STORE_PASSWORD },
          { headers: storeHeaders }
        )
        .catch(failure)
      expect(choose.data).toEqual(
        expect.objectContaining({ account_selection_required: true })
      )
      selectionToken = tokenFrom(choose)
    })

    const headersFor = (auth: FuzzedRoute["auth"]) => ({
      "content-type": "application/json",
      ...storeHeaders,
      ...(auth === "admin" ? adminHeaders : {}),
      ...(auth === "customer"
        ? { authorization: `Bearer ${customerToken}` }
        : {}),
      ...(auth === "selection"
        ? { authorization: `Bearer ${selectionToken}` }
        : {}),
    })

    /** Sends the body as JSON text, exactly as built. */
    const send = (path: string, body: unknown, auth: FuzzedRoute["auth"]) =>
      api
        .post(path, JSON.stringify(body), {
          headers: headersFor(auth),
          transformRequest: [(data: string) => data],
        })
        .catch(failure)

    it("answers a value that cannot become a string with a 400, not core's 500", async () => {
      // Found by the property below: core's message formatter interpolates
      // the received value and throws on `{ "toString": [] }`.
      const body = '{"customer_accounts_enabled":{"toString":[]},"__proto__":0}'
      const headers = { "content-type": "application/json", ...adminHeaders }
      const settings = await api
        .post("/admin/credential-settings", body, { headers })
        .catch(failure)
      expect(settings.status).toBe(400)
      expect(settings.data.message).toMatch(/^Invalid request body: /)

      const register = await api
        .post(
          "/store/credentials/register",
          '{"email":{"toString":[]},"password":"x","first_name":"A","last_name":"B"}',
          { headers: { "content-type": "application/json", ...storeHeaders } }
        )
        .catch(failure)
      expect(register.status).toBe(400)
      expect(register.data.message).toMatch(/email/)
    })

    it("answers every malformed or malicious body with a 4xx and a message, and changes no row", async () => {
      const targets = routes(customerId, companyId, referenceId)
      const before = await snapshot()
      const statuses: Record<string, Record<number, number>> = {}
      let cases = 0

      for (const route of targets) {
        await fc.assert(
          fc.asyncProperty(invalidBody(route), async (body) => {
            cases++
            const response = await send(route.path, body, route.auth)
            statuses[route.name] ??= {}
            statuses[route.name][response.status] =
              (statuses[route.name][response.status] ?? 0) + 1
            // Refused by the body parser when over its limit, else by
            // validation: not by a gate before it (401), nor by a crash.
            const tooLarge =
              Buffer.byteLength(JSON.stringify(body)) > bodyLimit(route.path)
            expect({
              route: route.name,
              status: response.status,
              type: response.data?.type,
            }).toEqual({
              route: route.name,
              ...(tooLarge
                ? { status: 413, type: "unknown_error" }
                : { status: 400, type: "invalid_data" }),
            })
            expect(typeof response.data?.message).toBe("string")
            expect(response.data.message.length).toBeGreaterThan(0)
          }),
          {
            numRuns: RUNS_PER_ROUTE,
            seed: Number(process.env.FUZZ_SEED ?? 20261124),
          }
        )
      }

      expect(await snapshot()).toEqual(before)
      process.stdout.write(
        `fuzz: ${cases} cases over ${targets.length} routes, every one a 4xx with a message, no row changed; statuses ${JSON.stringify(statuses)}\n`
      )
      expect(cases).toBe(RUNS_PER_ROUTE * targets.length)
    })

    /**
     * One string field at a time holds a hostile string, every other field
     * is valid, so the body reaches the handler (and PostgreSQL) and a field
     * left unvalidated is noticed. Each case names the answer it must get.
     */
    type Expected = { status: number; message?: RegExp }
    type StringCase = {
      route: string
      path: string
      auth: FuzzedRoute["auth"]
      field: string
      /** A valid body, with the field to replace; `n` makes it unique. */
      body: (n: number) => Record<string, unknown>
      /** Only values the case can judge (a password the policy accepts would change it). */
      accepts?: (value: string) => boolean
      expect: (value: string) => Expected
    }

    /** Storable and, after zod's trim when the field trims, 1 to max long. */
    const fits = (value: string, max: number, trims = false) => {
      const text = trims ? value.trim() : value
      return storable(value) && text.length >= 1 && text.length <= max
    }
    const meetsPolicy = (password: string) =>
      checkPasswordRules(
        password,
        DEFAULT_CREDENTIALS_OPTIONS.settings.password_policy
      ).every((rule) => rule.met)
    const INVALID: Expected = { status: 400, message: /^Invalid request/ }
    const WRONG_SIGN_IN: Expected = {
      status: 401,
      message: /^Invalid email or password$/,
    }
    const LINK_INVALID: Expected = {
      status: 400,
      message: /link is invalid or was already used/,
    }
    const NOT_THIS_ACCOUNT: Expected = {
      status: 403,
      message: /may not sign in for that account/,
    }
    const REGISTER_BASE = {
      email: "fuzz-target@example.com", // has an account: 409, nothing written
      password: STORE_PASSWORD,
      first_name: "Fuzz",
      last_name: "Target",
    }

    const stringCases = (): StringCase[] => [
      ...(["identifier", "password"] as const).map((field): StringCase => ({
        route: "login",
        path: "/store/credentials/login",
        auth: "none",
        field,
        body: (n) => ({
          identifier: `nobody-${n}@example.com`,
          password: "Wrong-Passw0rd!",
        }),
        expect: (value) =>
          fits(value, field === "identifier" ? 320 : 256, true)
            ? WRONG_SIGN_IN
            : INVALID,
      })),
      ...(["email", "password"] as const).map((field): StringCase => ({
        route: "core sign-in (gated)",
        path: "/auth/customer/emailpass",
        auth: "none",
        field,
        body: (n) => ({
          email: `nobody-${n}@example.com`,
          password: "Wrong-Passw0rd!",
        }),
        expect: (value) =>
          fits(value, field === "email" ? 320 : 256, field === "email")
            ? WRONG_SIGN_IN
            : INVALID,
      })),
      ...(["first_name", "last_name"] as const).map((field): StringCase => ({
        route: "register",
        path: "/store/credentials/register",
        auth: "none",
        field,
        body: () => ({ ...REGISTER_BASE }),
        expect: (value) => (fits(value, 100, true) ? { status: 409 } : INVALID),
      })),
      {
        route: "register",
        path: "/store/credentials/register",
        auth: "none",
        field: "password",
        body: () => ({ ...REGISTER_BASE }),
        expect: (value) =>
          !fits(value, 256)
            ? INVALID
            : meetsPolicy(value)
              ? { status: 409 }
              : { status: 400, message: /password policy/ },
      },
      {
        route: "register",
        path: "/store/credentials/register",
        auth: "none",
        field: "email",
        body: () => ({ ...REGISTER_BASE }),
        expect: () => INVALID,
      },
      {
        route: "activate",
        path: "/store/credentials/activate",
        auth: "none",
        field: "token",
        body: () => ({}),
        expect: (value) => (fits(value, 4096) ? LINK_INVALID : INVALID),
      },
      {
        route: "activate",
        path: "/store/credentials/activate",
        auth: "none",
        field: "password",
        body: (n) => ({ token: `not-a-token-${n}` }),
        expect: (value) => (fits(value, 256) ? LINK_INVALID : INVALID),
      },
      {
        route: "resend activation",
        path: "/store/credentials/resend-activation",
        auth: "none",
        field: "email",
        body: () => ({}),
        expect: () => INVALID,
      },
      {
        route: "select account",
        path: "/store/credentials/select-account",
        auth: "selection",
        field: "customer_id",
        body: () => ({}),
        expect: (value) => (fits(value, 100) ? NOT_THIS_ACCOUNT : INVALID),
      },
      {
        route: "switch account",
        path: "/store/credentials/switch-account",
        auth: "customer",
        field: "customer_id",
        body: () => ({}),
        expect: (value) => (fits(value, 100) ? NOT_THIS_ACCOUNT : INVALID),
      },
      {
        route: "change password",
        path: "/store/customers/me/password",
        auth: "customer",
        field: "new_password",
        body: () => ({ current_password: STORE_PASSWORD }),
        accepts: (value) => !meetsPolicy(value),
        expect: (value) =>
          fits(value, 256)
            ? { status: 400, message: /password policy/ }
            : INVALID,
      },
      {
        // Answered before any work, whatever the identifier (no oracle),
        // once it is text the database can hold: every /auth body is read
        // as text first (gates-auth-bodies.spec.ts).
        route: "forgot password",
        path: "/auth/customer/emailpass/reset-password",
        auth: "none",
        field: "identifier",
        body: () => ({}),
        expect: (value) => (storable(value) ? { status: 201 } : INVALID),
      },
      // The store allows manual entry in this test. The other field keeps
      // the valid password, so the two differ; a value the policy accepts is
      // left out all the same (were the check missing, it would be set).
      ...(["password", "confirm_password"] as const).map(
        (field): StringCase => ({
          route: "manual password",
          path: `/admin/customers/${customerId}/credentials/password`,
          auth: "admin",
          field,
          body: () => ({
            password: STORE_PASSWORD,
            confirm_password: STORE_PASSWORD,
          }),
          accepts: (value) => !meetsPolicy(value),
          expect: (value) =>
            fits(value, 256)
              ? { status: 400, message: /and its confirmation differ/ }
              : INVALID,
        })
      ),
      {
        route: "add reference",
        path: `/admin/customers/${companyId}/references`,
        auth: "admin",
        field: "email",
        body: () => ({}),
        expect: () => INVALID,
      },
      {
        route: "bulk",
        path: "/admin/credentials/bulk",
        auth: "admin",
        field: "action",
        body: () => ({ customer_ids: [customerId] }),
        expect: () => INVALID,
      },
    ]

    it("answers a hostile string in any one field, the others valid, with the answer that field's rules give, and changes no row", async () => {
      const cases = stringCases()
      const manualEntry = await send(
        "/admin/credential-settings",
        { allow_manual_entry: true },
        "admin"
      )
      expect(manualEntry.status).toBe(200)
      const before = await snapshot()
      let sent = 0
      const answered: Record<string, Record<number, number>> = {}

      let planned = 0
      for (const stringCase of cases) {
        const name = `${stringCase.route}.${stringCase.field}`
        const examples = EVERY_HOSTILE_STRING.filter(
          ([value]) => !stringCase.accepts || stringCase.accepts(value)
        )
        planned += examples.length + STRING_RUNS_PER_FIELD
        await fc.assert(
          fc.asyncProperty(
            stringCase.accepts
              ? hostileString.filter(stringCase.accepts)
              : hostileString,
            async (hostile) => {
              const n = ++sent
              // Unique per case, so per-identifier and per-email limits never
              // answer instead; a case that judges its values (`accepts`)
              // gets them as judged.
              const value = stringCase.accepts ? hostile : `${hostile}~${n}`
              const body = { ...stringCase.body(n), [stringCase.field]: value }
              const response = await send(
                stringCase.path,
                body,
                stringCase.auth
              )
              answered[name] ??= {}
              answered[name][response.status] =
                (answered[name][response.status] ?? 0) + 1
              const expected = stringCase.expect(value)
              expect({
                case: name,
                status: response.status,
                ...(response.status === expected.status
                  ? {}
                  : { answer: response.data }),
              }).toEqual({ case: name, status: expected.status })
              if (expected.message) {
                expect(response.data?.message).toMatch(expected.message)
              }
            }
          ),
          {
            // Every kind of hostile string once, then generated ones
            // (fast-check counts the examples in numRuns).
            examples,
            numRuns: examples.length + STRING_RUNS_PER_FIELD,
            seed: Number(process.env.FUZZ_SEED ?? 20261124),
          }
        )
      }

      expect(await snapshot()).toEqual(before)
      process.stdout.write(
        `fuzz (hostile strings): ${sent} cases over ${cases.length} fields, each with its exact answer, no row changed; ${JSON.stringify(answered)}\n`
      )
      expect(sent).toBe(planned)
    })

    it("stores a hostile string a field accepts exactly as sent (trimmed), and refuses what the database cannot hold", async () => {
      let n = 0
      await fc.assert(
        fc.asyncProperty(hostileString, async (hostile) => {
          n++
          const value = `${hostile}~${n}`

          const label = await send(
            "/admin/credential-settings",
            { sso_button_label: value },
            "admin"
          )
          const name = await send(
            `/admin/customers/${companyId}/references/${referenceId}`,
            { display_name: value },
            "admin"
          )
          const email = `hostile-${n}@example.com`
          const registered = await send(
            "/store/credentials/register",
            { ...REGISTER_BASE, email, first_name: value },
            "none"
          )

          if (fits(value, 100, true)) {
            expect(label.status).toBe(200)
            expect(label.data.credential_settings.sso_button_label).toBe(
              value.trim()
            )
            expect(registered.status).toBe(201)
            const [customer] = await getContainer()
              .resolve("customer")
              .listCustomers({ email })
            expect(customer.first_name).toBe(value.trim())
          } else {
            expect(label.status).toBe(400)
            expect(registered.status).toBe(400)
          }
          if (fits(value, 200, true)) {
            expect(name.status).toBe(200)
            expect(name.data.reference.display_name).toBe(value.trim())
          } else {
            expect(name.status).toBe(400)
          }
        }),
        {
          examples: EVERY_HOSTILE_STRING,
          numRuns: EVERY_HOSTILE_STRING.length + STRING_RUNS_PER_FIELD,
          seed: Number(process.env.FUZZ_SEED ?? 20261124),
        }
      )
      // Read back through the API, not only as answered.
      const settings = await api.get("/admin/credential-settings", {
        headers: adminHeaders,
      })
      expect(typeof settings.data.credential_settings.sso_button_label).toBe(
        "string"
      )
    })
  },
})
