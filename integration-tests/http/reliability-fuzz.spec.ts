import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import fc from "fast-check"
import { createAdminAndSignIn } from "./utils/admin"
import { failure } from "./utils/credentials"
import { createRegisteredCustomer } from "./utils/customers"
import { invalidBody, type FuzzedRoute } from "./utils/fuzz-bodies"
import { createPublishableKeyHeader } from "./utils/store"
import { STORE_PASSWORD } from "./utils/store-session"

jest.setTimeout(10 * 60 * 1000)

const RUNS_PER_ROUTE = Number(process.env.FUZZ_RUNS_PER_ROUTE ?? 100)

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
]

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
    store("select account", "/store/credentials/select-account", {
      customer_id: "string",
    }),
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
    })

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
            const headers = {
              "content-type": "application/json",
              ...storeHeaders,
              ...(route.auth === "admin" ? adminHeaders : {}),
              ...(route.auth === "customer"
                ? { authorization: `Bearer ${customerToken}` }
                : {}),
            }
            const response = await api
              .post(route.path, JSON.stringify(body), {
                headers,
                transformRequest: [(data: string) => data],
              })
              .catch(failure)
            statuses[route.name] ??= {}
            statuses[route.name][response.status] =
              (statuses[route.name][response.status] ?? 0) + 1
            expect(response.status).toBeGreaterThanOrEqual(400)
            expect(response.status).toBeLessThan(500)
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
  },
})
