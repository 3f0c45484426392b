import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { createHmac } from "node:crypto"
import { createAdminAndSignIn } from "./utils/admin"
import { failure } from "./utils/credentials"
import { afterSubscribers, emailsTo } from "./utils/notifications"
import { createPublishableKeyHeader } from "./utils/store"
import { storeClient, tokenFrom } from "./utils/store-session"

jest.setTimeout(180 * 1000)

/** The claims of a JWT (not verified: the server does that). */
const claimsOf = (token: string) =>
  JSON.parse(Buffer.from(token.split(".")[1], "base64url").toString("utf8"))

/** The same token's header and claims with other claims, signed with `secret`. */
const resign = (
  token: string,
  claims: Record<string, unknown>,
  secret: string
) => {
  const header = token.split(".")[0]
  expect(
    JSON.parse(Buffer.from(header, "base64url").toString("utf8")).alg
  ).toBe("HS256")
  const body = `${header}.${Buffer.from(JSON.stringify(claims)).toString("base64url")}`
  return `${body}.${createHmac("sha256", secret).update(body).digest("base64url")}`
}

// One person per test: "forgot password" is rate limited per email.
let PERSON = "pat@example.com"
let people = 0
const PASSWORD = "Person-Passw0rd!"

medusaIntegrationTestRunner({
  inApp: true,
  env: {},
  testSuite: ({ api, getContainer }) => {
    let store: ReturnType<typeof storeClient>
    let adminHeaders: Record<string, string>
    let acme: string
    let globex: string

    const admin = {
      post: (path: string, body: unknown) =>
        api.post(path, body, { headers: adminHeaders }).catch(failure),
      get: (path: string) => api.get(path, { headers: adminHeaders }),
      delete: (path: string) =>
        api.delete(path, { headers: adminHeaders }).catch(failure),
    }

    const addReference = (
      customerId: string,
      body: Record<string, unknown> = {}
    ) =>
      admin.post(`/admin/customers/${customerId}/references`, {
        email: PERSON,
        ...body,
      })

    /** The person chooses their password through core's forgot/reset flow. */
    const choosePassword = async (password: string) => {
      await afterSubscribers(getContainer(), "auth.password_reset", () =>
        store.post("/auth/customer/emailpass/reset-password", {
          identifier: PERSON,
        })
      )
      const emails = await emailsTo(getContainer(), PERSON)
      const token = new URL(
        emails.filter((e) => e.template === "customer-password-reset").pop()!
          .data!.reset_url as string
      ).searchParams.get("token")!
      const updated = await store.post(
        "/auth/customer/emailpass/update",
        { password },
        token
      )
      expect(updated.status).toBe(200)
    }

    const signIn = (password = PASSWORD) =>
      store.post("/store/credentials/login", { identifier: PERSON, password })

    const me = async (token: string) =>
      (await store.get("/store/customers/me", token)).data.customer?.id

    beforeEach(async () => {
      PERSON = `pat-${++people}@example.com`
      const container = getContainer()
      store = storeClient(api, await createPublishableKeyHeader(container))
      ;({ headers: adminHeaders } = await createAdminAndSignIn(container, api))
      const customers = container.resolve(Modules.CUSTOMER)
      acme = (
        await customers.createCustomers({
          email: "orders@acme.test",
          company_name: "Acme Corp",
        })
      ).id
      globex = (
        await customers.createCustomers({
          email: "orders@globex.test",
          company_name: "Globex",
        })
      ).id
    })

    const setUpPersonOnBothCompanies = async () => {
      expect(
        (await addReference(acme, { display_name: "Pat (buyer)" })).status
      ).toBe(201)
      await choosePassword(PASSWORD)
      expect((await addReference(globex)).status).toBe(201)
    }

    it("keeps the existing password when the same email becomes a reference of a second company", async () => {
      await setUpPersonOnBothCompanies()

      const references = await admin.get(
        `/admin/customers/${globex}/references`
      )
      expect(references.data.references).toEqual([
        expect.objectContaining({
          email: PERSON,
          internet_user: true,
          permissions: expect.objectContaining({ place_orders: true }),
        }),
      ])
      expect((await signIn()).status).toBe(200)
    })

    it("lists both companies at sign-in and signs into the chosen one", async () => {
      await setUpPersonOnBothCompanies()

      const login = await signIn()
      expect(login.data.account_selection_required).toBe(true)
      expect(login.data.accounts).toEqual([
        { customer_id: acme, name: "Acme Corp" },
        { customer_id: globex, name: "Globex" },
      ])
      // The selection token acts for no account.
      expect(
        (await store.get("/store/customers/me", login.data.token)).status
      ).toBe(401)

      const chosen = await store.post(
        "/store/credentials/select-account",
        { customer_id: globex },
        login.data.token
      )
      expect(chosen.status).toBe(200)
      expect(await me(chosen.data.token)).toBe(globex)

      const profile = await store.get(
        "/store/credentials/me",
        chosen.data.token
      )
      expect(profile.data.login).toEqual({
        customer_id: globex,
        account_name: "Globex",
        accounts: [
          { customer_id: acme, name: "Acme Corp" },
          { customer_id: globex, name: "Globex" },
        ],
        permissions: {
          place_orders: true,
          view_orders: true,
          view_invoices: true,
          view_prices: true,
          change_default_settings: true,
          manage_addresses: true,
        },
        // A person's login signs in with its email, and has no number.
        sign_in_with: ["email"],
        customer_number: null,
      })

      const switched = await store.post(
        "/store/credentials/switch-account",
        { customer_id: acme },
        chosen.data.token
      )
      expect(await me(switched.data.token)).toBe(acme)

      const stranger = await getContainer()
        .resolve(Modules.CUSTOMER)
        .createCustomers({ email: "x@initech.test", company_name: "Initech" })
      const refused = await store.post(
        "/store/credentials/select-account",
        { customer_id: stranger.id },
        login.data.token
      )
      expect(refused.status).toBe(403)
    })

    it("accepts a selection token until 10 minutes after it was issued, and refuses it after", async () => {
      await setUpPersonOnBothCompanies()
      const login = await signIn()
      expect(login.data.account_selection_required).toBe(true)
      const issued = claimsOf(login.data.token)
      // What the server issues: a token that lives 10 minutes.
      expect(issued.exp - issued.iat).toBe(600)

      // The same token as if it had been issued earlier, its lifetime kept:
      // signed with the store's secret, so only its age decides.
      const { jwtSecret } = getContainer().resolve(
        ContainerRegistrationKeys.CONFIG_MODULE
      ).projectConfig.http
      const issuedAgo = (seconds: number) => {
        const iat = Math.floor(Date.now() / 1000) - seconds
        return resign(
          login.data.token,
          { ...issued, iat, exp: iat + (issued.exp - issued.iat) },
          jwtSecret as string
        )
      }
      const select = (token: string) =>
        store.post(
          "/store/credentials/select-account",
          { customer_id: globex },
          token
        )

      const justBefore = await select(issuedAgo(10 * 60 - 20))
      expect(justBefore.status).toBe(200)
      expect(await me(tokenFrom(justBefore))).toBe(globex)

      const justAfter = await select(issuedAgo(10 * 60 + 5))
      expect(justAfter.status).toBe(401)
      expect(justAfter.data.token).toBeUndefined()
    })

    it("does not offer an account whose reference is not an internet user", async () => {
      await setUpPersonOnBothCompanies()
      const [reference] = (
        await admin.get(`/admin/customers/${globex}/references`)
      ).data.references
      await admin.post(
        `/admin/customers/${globex}/references/${reference.id}`,
        {
          internet_user: false,
        }
      )

      const login = await signIn()

      expect(login.data.account_selection_required).toBeUndefined()
      expect(await me(login.data.token)).toBe(acme)
      const refused = await store.post(
        "/store/credentials/switch-account",
        { customer_id: globex },
        login.data.token
      )
      expect(refused.status).toBe(403)
    })

    it("changes the password once for both companies, and emails the person once", async () => {
      await setUpPersonOnBothCompanies()
      const login = await signIn()
      const chosen = await store.post(
        "/store/credentials/select-account",
        { customer_id: globex },
        login.data.token
      )
      const before = (await emailsTo(getContainer(), PERSON)).length

      const changed = await afterSubscribers(
        getContainer(),
        "customer_credentials.password_changed",
        () =>
          store.post(
            "/store/customers/me/password",
            {
              current_password: PASSWORD,
              new_password: "New-Person-Passw0rd!",
            },
            chosen.data.token
          )
      )
      expect(changed.status).toBe(200)

      const again = await signIn("New-Person-Passw0rd!")
      expect(again.data.accounts).toHaveLength(2)
      for (const company of [acme, globex]) {
        const token = (
          await store.post(
            "/store/credentials/select-account",
            { customer_id: company },
            again.data.token
          )
        ).data.token
        expect(await me(token)).toBe(company)
      }
      expect((await signIn(PASSWORD)).status).toBe(401)

      const emails = await emailsTo(getContainer(), PERSON)
      expect(emails.length - before).toBe(1)
      expect(emails[emails.length - 1].template).toBe(
        "customer-password-changed"
      )
      expect(await emailsTo(getContainer(), "orders@globex.test")).toHaveLength(
        0
      )
    })

    it("blocks cart completion for the reference without place_orders, and only there", async () => {
      await setUpPersonOnBothCompanies()
      const [reference] = (
        await admin.get(`/admin/customers/${acme}/references`)
      ).data.references
      await admin.post(`/admin/customers/${acme}/references/${reference.id}`, {
        permissions: { place_orders: false },
      })
      const login = await signIn()
      const tokenFor = async (company: string) =>
        tokenFrom(
          await store.post(
            "/store/credentials/select-account",
            { customer_id: company },
            login.data.token
          )
        )

      const blocked = await store.post(
        "/store/carts/cart_123/complete",
        {},
        await tokenFor(acme)
      )
      const allowed = await store.post(
        "/store/carts/cart_123/complete",
        {},
        await tokenFor(globex)
      )

      expect(blocked.status).toBe(403)
      expect(blocked.data.code).toBe("permission_denied")
      // Past the plugin's gate: core's own answer for a cart it cannot find.
      expect({ status: allowed.status, type: allowed.data.type }).toEqual({
        status: 404,
        type: "not_found",
      })
    })

    it("lets a store-wide right that is off override the reference", async () => {
      await setUpPersonOnBothCompanies()
      await admin.post("/admin/credential-settings", {
        permissions: { view_orders: false },
      })
      const login = await signIn()
      const token = (
        await store.post(
          "/store/credentials/select-account",
          { customer_id: globex },
          login.data.token
        )
      ).data.token

      const orders = await store.get("/store/orders", token)
      const profile = await store.get("/store/credentials/me", token)

      expect(orders.status).toBe(403)
      expect(orders.data.message).toMatch(/may not see orders/)
      expect(profile.data.login.permissions.view_orders).toBe(false)
    })

    it("reports view_invoices and view_prices for the chosen account: the reference's, within the store-wide ones", async () => {
      await setUpPersonOnBothCompanies()
      const [reference] = (
        await admin.get(`/admin/customers/${globex}/references`)
      ).data.references
      await admin.post(
        `/admin/customers/${globex}/references/${reference.id}`,
        { permissions: { view_invoices: false, view_prices: false } }
      )
      const rightsIn = async (company: string) => {
        const login = await signIn()
        const token = tokenFrom(
          await store.post(
            "/store/credentials/select-account",
            { customer_id: company },
            login.data.token
          )
        )
        const { permissions } = (
          await store.get("/store/credentials/me", token)
        ).data.login
        return {
          view_invoices: permissions.view_invoices,
          view_prices: permissions.view_prices,
        }
      }

      expect(await rightsIn(globex)).toEqual({
        view_invoices: false,
        view_prices: false,
      })
      expect(await rightsIn(acme)).toEqual({
        view_invoices: true,
        view_prices: true,
      })

      // Off store-wide: off for every account, whatever its reference says.
      await admin.post("/admin/credential-settings", {
        permissions: { view_prices: false },
      })
      expect(await rightsIn(acme)).toEqual({
        view_invoices: true,
        view_prices: false,
      })
      // On again on the reference: the right is the reference's again.
      await admin.post(
        `/admin/customers/${globex}/references/${reference.id}`,
        { permissions: { view_invoices: true, view_prices: true } }
      )
      await admin.post("/admin/credential-settings", {
        permissions: { view_prices: true },
      })
      expect(await rightsIn(globex)).toEqual({
        view_invoices: true,
        view_prices: true,
      })
    })

    it("keeps the login while it has other accounts when a reference is removed", async () => {
      await setUpPersonOnBothCompanies()
      const [reference] = (
        await admin.get(`/admin/customers/${acme}/references`)
      ).data.references

      const removed = await admin.delete(
        `/admin/customers/${acme}/references/${reference.id}`
      )
      expect(removed.status).toBe(200)

      const login = await signIn()
      expect(login.status).toBe(200)
      expect(await me(login.data.token)).toBe(globex)
    })

    it("deletes the login when its last reference is removed", async () => {
      expect((await addReference(acme)).status).toBe(201)
      await choosePassword(PASSWORD)
      const before = await signIn()
      expect(await me(tokenFrom(before))).toBe(acme)
      const loginsOf = () =>
        getContainer()
          .resolve(Modules.AUTH)
          .listProviderIdentities({ provider: "emailpass", entity_id: PERSON })
      const [login] = await loginsOf()
      const [reference] = (
        await admin.get(`/admin/customers/${acme}/references`)
      ).data.references

      const removed = await admin.delete(
        `/admin/customers/${acme}/references/${reference.id}`
      )
      expect(removed.status).toBe(200)

      expect(await loginsOf()).toEqual([])
      expect(
        await getContainer()
          .resolve(Modules.AUTH)
          .listAuthIdentities({ id: [login.auth_identity_id!] })
      ).toEqual([])
      expect((await signIn()).status).toBe(401)
      expect(
        (await store.get("/store/customers/me", before.data.token)).status
      ).toBe(401)
      // The person added again starts from a new login: the old password
      // is gone with the old one.
      expect((await addReference(acme)).status).toBe(201)
      const [again] = await loginsOf()
      expect(again.auth_identity_id).not.toBe(login.auth_identity_id)
      expect((await signIn()).status).toBe(401)
    })

    it("answers bad input with 4xx and a message", async () => {
      expect((await addReference(acme, { email: "nope" })).status).toBe(400)
      expect(
        (await addReference(acme, { permissions: { fly: true } })).status
      ).toBe(400)
      expect((await addReference("cus_missing")).status).toBe(404)
      expect((await addReference(acme)).status).toBe(201)
      const duplicate = await addReference(acme)
      expect(duplicate.status).toBe(422)
      expect(duplicate.data.message).toMatch(/already a reference/)
      const missing = await admin.post(
        `/admin/customers/${acme}/references/cref_x`,
        {
          internet_user: false,
        }
      )
      expect(missing.status).toBe(404)
    })
  },
})
