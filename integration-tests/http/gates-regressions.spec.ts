import { Modules } from "@medusajs/framework/utils"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { createAdminAndSignIn } from "./utils/admin"
import { credentialsService, failure } from "./utils/credentials"
import { createRegisteredCustomer } from "./utils/customers"
import { afterSubscribers, emailsTo } from "./utils/notifications"
import { createPublishableKeyHeader } from "./utils/store"
import {
  activationTokenFrom,
  STORE_PASSWORD,
  storeClient,
  tokenFrom,
} from "./utils/store-session"

jest.setTimeout(180 * 1000)

/** The claims of a token, read without checking it (the server checks it). */
const claims = (token: string) =>
  JSON.parse(Buffer.from(token.split(".")[1], "base64url").toString())

/**
 * One regression test per way around the gates that was reproduced over
 * HTTP (issue "no way around the gates", items 1, 3, 4 and 5); the route
 * matrix (gates-route-matrix.spec.ts) sends every spelling and method.
 */
medusaIntegrationTestRunner({
  inApp: true,
  env: {},
  testSuite: ({ api, getContainer }) => {
    let store: ReturnType<typeof storeClient>
    let publishable: Record<string, string>
    let adminHeaders: Record<string, string>

    const admin = {
      post: (path: string, body: unknown) =>
        api.post(path, body, { headers: adminHeaders }).catch(failure),
      get: (path: string) =>
        api.get(path, { headers: adminHeaders }).catch(failure),
    }

    /**
     * A registered customer whose email is confirmed: a B2B reference keeps
     * only a proven password (gates-adoption-and-linking.spec.ts).
     */
    const confirmedCustomer = async (email: string) => {
      const customer = await createRegisteredCustomer(getContainer(), {
        email,
        password: STORE_PASSWORD,
      })
      await admin.post(`/admin/customers/${customer.id}/credentials`, {
        email_confirmed: true,
      })
      return customer
    }

    beforeEach(async () => {
      publishable = await createPublishableKeyHeader(getContainer())
      store = storeClient(api, publishable)
      ;({ headers: adminHeaders } = await createAdminAndSignIn(
        getContainer(),
        api
      ))
    })

    describe("1. method and spelling", () => {
      it("gives no token through GET with a body, or a percent-encoded provider, while the email is unconfirmed", async () => {
        await store.post("/store/credentials/register", {
          email: "una@example.com",
          password: STORE_PASSWORD,
          first_name: "Una",
          last_name: "Pending",
        })
        const body = { email: "una@example.com", password: STORE_PASSWORD }

        const viaGet = await api
          .request({
            method: "GET",
            url: "/auth/customer/emailpass",
            data: body,
          })
          .catch(failure)
        const encoded = await api
          .post("/auth/customer/emailpas%73", body)
          .catch(failure)
        const upper = await api
          .post("/auth/CUSTOMER/emailpass", body)
          .catch(failure)
        const gated = await store.post("/auth/customer/emailpass", body)

        expect(gated.status).toBe(401)
        expect(gated.data.code).toBe("email_not_confirmed")
        expect(viaGet.status).toBe(405)
        expect(viaGet.data.message).toMatch(/POST \/auth\/customer\/emailpass/)
        for (const response of [encoded, upper]) {
          expect(response.status).toBe(400)
          expect(response.data.code).toBe("non_canonical_path")
          expect(response.data.token).toBeUndefined()
        }
      })

      it("does not let the admin sign-in route check a customer's password", async () => {
        await createRegisteredCustomer(getContainer(), {
          email: "cory@example.com",
          password: STORE_PASSWORD,
        })
        const right = await api
          .post("/auth/user/emailpass", {
            email: "cory@example.com",
            password: STORE_PASSWORD,
          })
          .catch(failure)
        const wrong = await api
          .post("/auth/user/emailpass", {
            email: "cory@example.com",
            password: "Wrong-Passw0rd!",
          })
          .catch(failure)

        // The same answer for the right and a wrong password: no oracle.
        expect(right.status).toBe(401)
        expect(right.data).toEqual(wrong.data)
        expect(right.data.token).toBeUndefined()
        // Nor for an email without a login: core's own answer, word for word.
        const unknown = await api
          .post("/auth/user/emailpass", {
            email: "nobody-here@example.com",
            password: "Wrong-Passw0rd!",
          })
          .catch(failure)
        expect(unknown.status).toBe(401)
        expect(wrong.data).toEqual(unknown.data)
      })

      it("answers a malformed percent-encoding in an /auth or /store path with 400, not 500", async () => {
        const paths = [
          "/auth/customer/%ff",
          "/auth/%ED%A0%80/emailpass",
          "/auth/customer/emailpass/update%",
          "/auth/token/refresh%",
          "/store/credentials/%ff",
          "/store/customers/me/addresses/%ff",
        ]
        for (const path of paths) {
          for (const method of ["GET", "POST"]) {
            const response = await api
              .request({ method, url: path, data: {}, headers: publishable })
              .catch(failure)
            expect({ path, method, status: response.status }).toEqual({
              path,
              method,
              status: 400,
            })
            expect(response.data.code).toBe("malformed_path")
          }
        }
      })
    })

    describe("3. owning someone else's email", () => {
      const stockRegister = async (email: string) => {
        const registered = await store.post(
          "/auth/customer/emailpass/register",
          {
            email,
            password: STORE_PASSWORD,
          }
        )
        expect(registered.status).toBe(200)
        return registered.data.token as string
      }

      it("makes no customer with an email other than the login's", async () => {
        const token = await stockRegister("mallory@example.com")

        const response = await store.post(
          "/store/customers",
          { email: "owner@example.com", first_name: "Not", last_name: "Owner" },
          token
        )

        expect(response.status).toBe(400)
        expect(response.data.code).toBe("email_mismatch")
        expect(
          await getContainer()
            .resolve(Modules.CUSTOMER)
            .listCustomers({ email: "owner@example.com" })
        ).toHaveLength(0)
      })

      it("runs the stock storefront flow through the plugin's registration: confirm first, then sign in", async () => {
        // sdk.auth.register → sdk.store.customer.create → link → sign in
        const token = await stockRegister("sam@example.com")
        const created = await afterSubscribers(
          getContainer(),
          "auth.verification_requested",
          () =>
            store.post(
              "/store/customers",
              {
                email: "sam@example.com",
                first_name: "Sam",
                last_name: "Stock",
              },
              token
            )
        )
        expect(created.status).toBe(200)
        expect(created.data.customer).toMatchObject({
          email: "sam@example.com",
          first_name: "Sam",
          has_account: true,
        })

        const early = await store.post("/auth/customer/emailpass", {
          email: "sam@example.com",
          password: STORE_PASSWORD,
        })
        expect(early.data.code).toBe("email_not_confirmed")
        // sdk.auth.refresh with the registration token is checked too.
        const refreshed = await store.post("/auth/token/refresh", {}, token)
        expect(refreshed.status).toBe(401)
        expect(refreshed.data.code).toBe("email_not_confirmed")

        const [email] = await emailsTo(getContainer(), "sam@example.com")
        const activated = await store.post("/store/credentials/activate", {
          token: activationTokenFrom(email.data!.text as string),
        })
        expect(activated.status).toBe(200)
        const signedIn = await store.post("/auth/customer/emailpass", {
          email: "sam@example.com",
          password: STORE_PASSWORD,
        })
        expect(signedIn.status).toBe(200)
        const me = await store.get("/store/customers/me", signedIn.data.token)
        // The answer names no customer (nor when it was made): the one the
        // registration made is the one signed in.
        const [sam] = await getContainer()
          .resolve(Modules.CUSTOMER)
          .listCustomers({ email: "sam@example.com" })
        expect(me.data.customer.id).toBe(sam.id)
      })

      it("makes no customer of a login registered through another actor type's route, past the customer's policy", async () => {
        const other = await api
          .post("/auth/vendor/emailpass/register", {
            email: "weak@example.com",
            password: "weak",
          })
          .catch(failure)
        expect(other.status).toBe(200)
        const signedIn = await store.post("/auth/customer/emailpass", {
          email: "weak@example.com",
          password: "weak",
        })
        expect(signedIn.status).toBe(200)

        const created = await store.post(
          "/store/customers",
          { email: "weak@example.com", first_name: "Weak" },
          signedIn.data.token
        )

        expect(created.status).toBe(403)
        expect(created.data.code).toBe("registration_required")
        expect(
          await getContainer()
            .resolve(Modules.CUSTOMER)
            .listCustomers({ email: "weak@example.com" })
        ).toHaveLength(0)
      })

      it("refuses a single sign-on or account-selection token at POST /store/customers", async () => {
        const customer = await confirmedCustomer("kim@example.com")
        const globex = await getContainer()
          .resolve(Modules.CUSTOMER)
          .createCustomers({
            email: "orders@globex.test",
            company_name: "Globex",
          })
        await admin.post(`/admin/customers/${globex.id}/references`, {
          email: "kim@example.com",
        })
        const login = await store.post("/store/credentials/login", {
          identifier: "kim@example.com",
          password: STORE_PASSWORD,
        })
        expect(login.data.account_selection_required).toBe(true)

        const response = await store.post(
          "/store/customers",
          { email: "victim@example.com", first_name: "V" },
          login.data.token
        )

        expect(response.status).toBe(403)
        expect(response.data.code).toBe("account_exists")
        expect(customer.id).toBeDefined()
        expect(
          await getContainer()
            .resolve(Modules.CUSTOMER)
            .listCustomers({ email: "victim@example.com" })
        ).toHaveLength(0)
      })
    })

    describe("registration of a guest's email (pre-account takeover)", () => {
      it("hands a guest's history only to whoever chooses the password through the emailed link", async () => {
        const container = getContainer()
        const guest = await container
          .resolve(Modules.CUSTOMER)
          .createCustomers({ email: "shopper@example.com", first_name: "Gus" })
        const order = await container.resolve(Modules.ORDER).createOrders({
          email: "shopper@example.com",
          customer_id: guest.id,
          currency_code: "eur",
          items: [{ title: "Earlier purchase", quantity: 1, unit_price: 10 }],
        })
        const strangerPassword = "Stranger-Passw0rd!"
        const ownerPassword = "Owner-Passw0rd-1!"

        // A stranger registers the guest's email, through both flows.
        const stock = await store.post("/auth/customer/emailpass/register", {
          email: "shopper@example.com",
          password: strangerPassword,
        })
        const created = await store.post(
          "/store/customers",
          { email: "shopper@example.com", first_name: "Mallory" },
          stock.data.token
        )
        expect(created.status).toBe(200)
        const strangerSignIn = () =>
          store.post("/store/credentials/login", {
            identifier: "shopper@example.com",
            password: strangerPassword,
          })
        expect((await strangerSignIn()).status).toBe(401)
        expect(
          (await store.get("/store/customers/me", stock.data.token)).status
        ).toBe(401)

        // The owner opens the link in their mailbox: it asks for a password.
        const link = (await emailsTo(container, "shopper@example.com")).pop()!
        const activated = await store.post("/store/credentials/activate", {
          token: activationTokenFrom(link.data!.text as string),
          password: ownerPassword,
        })
        expect(activated.status).toBe(200)

        expect((await strangerSignIn()).status).toBe(401)
        const owner = await store.post("/store/credentials/login", {
          identifier: "shopper@example.com",
          password: ownerPassword,
        })
        expect(owner.status).toBe(200)
        const orders = await store.get("/store/orders", owner.data.token)
        expect(orders.data.orders.map((o: { id: string }) => o.id)).toEqual([
          order.id,
        ])
        const [record] = await container
          .resolve(Modules.CUSTOMER)
          .listCustomers({ id: guest.id })
        expect(record.first_name).toBe("Gus")
      })
    })

    describe("4. tokens that end", () => {
      it("ends the old token after the customer's own change, and hands the changing request a new one", async () => {
        await createRegisteredCustomer(getContainer(), {
          email: "lee@example.com",
          password: STORE_PASSWORD,
        })
        const signIn = () =>
          store.post("/store/credentials/login", {
            identifier: "lee@example.com",
            password: STORE_PASSWORD,
          })
        const laptop = (await signIn()).data.token
        const phone = (await signIn()).data.token

        const changed = await store.post(
          "/store/customers/me/password",
          {
            current_password: STORE_PASSWORD,
            new_password: "Lee-New-Passw0rd!",
          },
          phone
        )

        expect(changed.status).toBe(200)
        expect(changed.data.token).toEqual(expect.any(String))
        expect(
          (await store.get("/store/customers/me", changed.data.token)).status
        ).toBe(200)
        for (const old of [laptop, phone]) {
          const me = await store.get("/store/customers/me", old)
          expect(me.status).toBe(401)
          expect(me.data.code).toBe("session_ended")
          const refreshed = await store.post("/auth/token/refresh", {}, old)
          expect(refreshed.status).toBe(401)
        }
      })

      it("keeps the chosen account on refresh, and ends a company's tokens when its reference stops being an internet user", async () => {
        const person = "pat@example.com"
        await confirmedCustomer(person)
        const customers = getContainer().resolve(Modules.CUSTOMER)
        const acme = await customers.createCustomers({
          email: "orders@acme.test",
          company_name: "Acme",
        })
        const added = await admin.post(
          `/admin/customers/${acme.id}/references`,
          {
            email: person,
          }
        )
        expect(added.status).toBe(201)
        const login = await store.post("/store/credentials/login", {
          identifier: person,
          password: STORE_PASSWORD,
        })
        const acmeToken = (
          await store.post(
            "/store/credentials/select-account",
            { customer_id: acme.id },
            login.data.token
          )
        ).data.token

        const refreshed = await store.post("/auth/token/refresh", {}, acmeToken)
        expect(refreshed.status).toBe(200)
        expect(claims(refreshed.data.token).actor_id).toBe(acme.id)

        const [reference] = (
          await admin.get(`/admin/customers/${acme.id}/references`)
        ).data.references
        await admin.post(
          `/admin/customers/${acme.id}/references/${reference.id}`,
          { internet_user: false }
        )
        for (const token of [acmeToken, refreshed.data.token]) {
          expect((await store.get("/store/customers/me", token)).status).toBe(
            401
          )
          expect(
            (await store.post("/auth/token/refresh", {}, token)).status
          ).toBe(401)
        }
      })
    })

    describe("5. B2B rights without trusting the client", () => {
      const setUpCompanyBuyer = async (rights: Record<string, boolean>) => {
        const person = "buyer@example.com"
        await confirmedCustomer(person)
        const acme = await getContainer()
          .resolve(Modules.CUSTOMER)
          .createCustomers({ email: "orders@acme.test", company_name: "Acme" })
        await admin.post(`/admin/customers/${acme.id}/references`, {
          email: person,
          permissions: rights,
        })
        const login = await store.post("/store/credentials/login", {
          identifier: person,
          password: STORE_PASSWORD,
        })
        const token = tokenFrom(
          await store.post(
            "/store/credentials/select-account",
            { customer_id: acme.id },
            login.data.token
          )
        )
        const cart = await getContainer()
          .resolve(Modules.CART)
          .createCarts({ currency_code: "eur", customer_id: acme.id })
        return { acme, token, cart, own: login.data.accounts[0].customer_id }
      }

      it("refuses to complete a company's cart without a token, or with another account's", async () => {
        const { cart, token } = await setUpCompanyBuyer({ place_orders: true })
        const personal = await store.post("/store/credentials/login", {
          identifier: "buyer@example.com",
          password: STORE_PASSWORD,
        })
        const ownToken = tokenFrom(
          await store.post(
            "/store/credentials/select-account",
            {
              customer_id: personal.data.accounts.find(
                (a: { name: string }) => a.name !== "Acme"
              ).customer_id,
            },
            personal.data.token
          )
        )

        const anonymous = await store.post(
          `/store/carts/${cart.id}/complete`,
          {}
        )
        const otherAccount = await store.post(
          `/store/carts/${cart.id}/complete`,
          {},
          ownToken
        )
        const forAcme = await store.post(
          `/store/carts/${cart.id}/complete`,
          {},
          token
        )

        for (const refused of [anonymous, otherAccount]) {
          expect(refused.status).toBe(401)
          expect(refused.data.code).toBe("sign_in_required")
        }
        // Past the plugin's gate: core's own answer for an incomplete cart.
        expect({ status: forAcme.status, data: forAcme.data }).toEqual({
          status: 400,
          data: expect.objectContaining({ type: "invalid_data" }),
        })
      })

      it("refuses the company's orders through the customer's own fields without view_orders", async () => {
        const { token } = await setUpCompanyBuyer({ view_orders: false })

        const withOrders = await store.get(
          "/store/customers/me?fields=id,*orders",
          token
        )
        const plain = await store.get("/store/customers/me?fields=id", token)

        expect(withOrders.status).toBe(403)
        expect(withOrders.data.code).toBe("permission_denied")
        expect(plain.status).toBe(200)
      })

      it("refuses the company's cart and its settings to a login without the rights", async () => {
        const { cart, token } = await setUpCompanyBuyer({
          place_orders: false,
          change_default_settings: false,
        })

        const completed = await store.post(
          `/store/carts/${cart.id}/complete`,
          {},
          token
        )
        const updated = await store.post(
          "/store/customers/me",
          { company_name: "Renamed" },
          token
        )

        expect(completed.status).toBe(403)
        expect(completed.data.code).toBe("permission_denied")
        expect(updated.status).toBe(403)
        expect(updated.data.code).toBe("permission_denied")
      })
    })

    describe("temporary passwords bind the login, whatever account it acts for", () => {
      it("keeps a company session to the password change, and ends it when the temporary password expires", async () => {
        const person = "temp@example.com"
        const own = await confirmedCustomer(person)
        const acme = await getContainer()
          .resolve(Modules.CUSTOMER)
          .createCustomers({ email: "orders@acme.test", company_name: "Acme" })
        await admin.post(`/admin/customers/${acme.id}/references`, {
          email: person,
        })
        await admin.post("/admin/credential-settings", {
          allow_manual_entry: true,
        })
        await admin.post(`/admin/customers/${own.id}/credentials/password`, {
          password: "Temp-Passw0rd!",
          confirm_password: "Temp-Passw0rd!",
          temporary: true,
        })
        const login = await store.post("/store/credentials/login", {
          identifier: person,
          password: "Temp-Passw0rd!",
        })
        expect(login.data.must_change_password).toBe(true)
        const acmeToken = (
          await store.post(
            "/store/credentials/select-account",
            { customer_id: acme.id },
            login.data.token
          )
        ).data.token

        const blocked = await store.post(
          "/store/customers/me",
          { first_name: "Changed" },
          acmeToken
        )
        expect(blocked.status).toBe(403)
        expect(blocked.data.code).toBe("password_change_required")

        const service = credentialsService(getContainer())
        const [row] = await service.listCustomerCredentials({
          customer_id: own.id,
        })
        await service.updateCustomerCredentials({
          id: row.id,
          temporary_password_expires_at: new Date(Date.now() - 1000),
        })
        const expired = await store.post(
          "/store/customers/me/password",
          {
            current_password: "Temp-Passw0rd!",
            new_password: "Own-Passw0rd-1!",
          },
          acmeToken
        )
        expect(expired.status).toBe(401)
        expect(expired.data.code).toBe("temporary_password_expired")
      })
    })

    describe("cookie sessions", () => {
      it("signs a cookie session in under a new session id, never one the request brought (session fixation)", async () => {
        await confirmedCustomer("fix-victim@example.com")
        await confirmedCustomer("fix-attacker@example.com")
        const tokenOf = async (email: string) =>
          (
            await store.post("/store/credentials/login", {
              identifier: email,
              password: STORE_PASSWORD,
            })
          ).data.token
        const cookieOf = (response: { headers: Record<string, unknown> }) =>
          String([response.headers["set-cookie"]].flat()[0] ?? "").split(";")[0]

        const planted = cookieOf(
          await api
            .post(
              "/auth/session",
              {},
              {
                headers: {
                  authorization: `Bearer ${await tokenOf("fix-attacker@example.com")}`,
                },
              }
            )
            .catch(failure)
        )
        expect(planted).toMatch(/=/)
        const victim = await api
          .post(
            "/auth/session",
            {},
            {
              headers: {
                authorization: `Bearer ${await tokenOf("fix-victim@example.com")}`,
                cookie: planted,
              },
            }
          )
          .catch(failure)
        expect(victim.status).toBe(200)
        const issued = cookieOf(victim)
        expect(issued).toMatch(/=/)
        expect(issued).not.toBe(planted)

        const withPlanted = await api
          .get("/store/customers/me", {
            headers: { ...publishable, cookie: planted },
          })
          .catch(failure)
        expect(withPlanted.data.customer?.email).not.toBe(
          "fix-victim@example.com"
        )
        const withIssued = await api
          .get("/store/customers/me", {
            headers: { ...publishable, cookie: issued },
          })
          .catch(failure)
        expect(withIssued.data.customer?.email).toBe("fix-victim@example.com")
      })
    })

    describe("9. no secret in an answer or the log", () => {
      it("never writes a password sent with the wrong type back into the message", async () => {
        await confirmedCustomer("val@example.com")
        const token = (
          await store.post("/store/credentials/login", {
            identifier: "val@example.com",
            password: STORE_PASSWORD,
          })
        ).data.token
        const secret = "Leaked-Secret-9!"

        const answers = [
          await store.post("/store/credentials/login", {
            identifier: "val@example.com",
            password: [secret],
          }),
          await store.post("/auth/customer/emailpass", {
            email: "val@example.com",
            password: [secret],
          }),
          await store.post(
            "/store/customers/me/password",
            { current_password: [secret], new_password: "Other-Passw0rd-1!" },
            token
          ),
        ]
        for (const answer of answers) {
          expect(answer.status).toBe(400)
          expect(answer.data.message).toMatch(/password/)
          expect(JSON.stringify(answer.data)).not.toContain(secret)
        }
      })
    })
  },
})
