import {
  ContainerRegistrationKeys,
  generateJwtToken,
  Modules,
} from "@medusajs/framework/utils"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { createAdminAndSignIn } from "./utils/admin"
import { failure } from "./utils/credentials"
import { createRegisteredCustomer } from "./utils/customers"
import { createPublishableKeyHeader } from "./utils/store"
import { STORE_PASSWORD, storeClient } from "./utils/store-session"

jest.setTimeout(240 * 1000)

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * Tokens that must stay ended, found by a stranger's attack on a running
 * store (not by reading these tests): a token refreshed while the change
 * that ends it commits, a company's token when the company lets the person
 * back in, and a deleted customer's token.
 */
medusaIntegrationTestRunner({
  inApp: true,
  env: {},
  testSuite: ({ api, getContainer }) => {
    let store: ReturnType<typeof storeClient>
    let adminHeaders: Record<string, string>

    const admin = {
      post: (path: string, body: unknown) =>
        api.post(path, body, { headers: adminHeaders }).catch(failure),
      get: (path: string) =>
        api.get(path, { headers: adminHeaders }).catch(failure),
      delete: (path: string) =>
        api.delete(path, { headers: adminHeaders }).catch(failure),
    }

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

    const signIn = async (identifier: string) => {
      const login = await store.post("/store/credentials/login", {
        identifier,
        password: STORE_PASSWORD,
      })
      expect(login.status).toBe(200)
      return login.data.token as string
    }

    /**
     * Every token `renew` hands out while `change` runs in the middle of
     * `loops` loops that keep renewing the stolen token.
     */
    const renewDuring = async (
      stolen: string,
      renew: (token: string) => Promise<string | null>,
      change: () => Promise<unknown>,
      loops = 12
    ) => {
      const minted: string[] = []
      let running = true
      const loop = async () => {
        while (running) {
          const token = await renew(stolen)
          if (token) {
            minted.push(token)
          }
        }
      }
      const loopsDone = Promise.all(Array.from({ length: loops }, loop))
      await sleep(150)
      await change()
      await sleep(150)
      running = false
      await loopsDone
      return minted
    }

    const stillWorking = async (tokens: string[]) => {
      const statuses = await Promise.all(
        tokens.map(
          async (token) =>
            (await store.get("/store/customers/me", token)).status
        )
      )
      return statuses.filter((status) => status === 200).length
    }

    beforeEach(async () => {
      store = storeClient(api, await createPublishableKeyHeader(getContainer()))
      ;({ headers: adminHeaders } = await createAdminAndSignIn(
        getContainer(),
        api
      ))
    })

    it.each([
      ["the customer signs out everywhere", "sign-out"],
      ["the customer changes the password", "password"],
    ])("no token refreshed while %s survives it", async (_name, change) => {
      const email = `race-${change}@example.com`
      await confirmedCustomer(email)
      for (let round = 0; round < 3; round++) {
        const stolen = await signIn(email)
        const own = await signIn(email)
        const next = `New-Passw0rd-${round + 1}!`
        const minted = await renewDuring(
          stolen,
          async (token) => {
            const refreshed = await store.post("/auth/token/refresh", {}, token)
            return refreshed.status === 200 ? refreshed.data.token : null
          },
          async () => {
            const response =
              change === "sign-out"
                ? await store.post(
                    "/store/credentials/sign-out-everywhere",
                    {},
                    own
                  )
                : await store.post(
                    "/store/customers/me/password",
                    {
                      current_password: STORE_PASSWORD,
                      new_password: next,
                    },
                    own
                  )
            expect(response.status).toBe(200)
          }
        )
        expect(minted.length).toBeGreaterThan(0)
        expect({
          round,
          surviving: await stillWorking([stolen, ...minted]),
        }).toEqual({
          round,
          surviving: 0,
        })
        if (change === "password") {
          // The next round signs in with the password now in force.
          await getContainer()
            .resolve(Modules.AUTH)
            .updateProvider("emailpass", {
              entity_id: email,
              password: STORE_PASSWORD,
            })
        }
      }
    })

    it("no token made by switching account while the sessions end survives it", async () => {
      const email = "race-switch@example.com"
      const customer = await confirmedCustomer(email)
      const stolen = await signIn(email)
      const minted = await renewDuring(
        stolen,
        async (token) => {
          const switched = await store.post(
            "/store/credentials/switch-account",
            { customer_id: customer.id },
            token
          )
          return switched.status === 200 ? switched.data.token : null
        },
        () =>
          admin.post(
            `/admin/customers/${customer.id}/credentials/sign-out-everywhere`,
            {}
          )
      )
      expect(minted.length).toBeGreaterThan(0)
      expect(await stillWorking([stolen, ...minted])).toBe(0)
    })

    it("keeps a company's ended tokens ended when the person is let back in", async () => {
      const person = "back-again@example.com"
      await confirmedCustomer(person)
      const acme = await getContainer()
        .resolve(Modules.CUSTOMER)
        .createCustomers({ email: "orders@acme.test", company_name: "Acme" })
      const added = await admin.post(`/admin/customers/${acme.id}/references`, {
        email: person,
      })
      expect(added.status).toBe(201)
      const reference = added.data.reference
      const choose = async () =>
        (
          await store.post(
            "/store/credentials/select-account",
            { customer_id: acme.id },
            await signIn(person)
          )
        ).data.token as string

      // Internet user off, then on again.
      const before = await choose()
      expect((await store.get("/store/customers/me", before)).status).toBe(200)
      await admin.post(
        `/admin/customers/${acme.id}/references/${reference.id}`,
        {
          internet_user: false,
        }
      )
      await admin.post(
        `/admin/customers/${acme.id}/references/${reference.id}`,
        {
          internet_user: true,
        }
      )
      expect((await store.get("/store/customers/me", before)).status).toBe(401)
      expect((await store.post("/auth/token/refresh", {}, before)).status).toBe(
        401
      )

      // Removed, then added again.
      const again = await choose()
      expect((await store.get("/store/customers/me", again)).status).toBe(200)
      await admin.delete(
        `/admin/customers/${acme.id}/references/${reference.id}`
      )
      expect(
        (
          await admin.post(`/admin/customers/${acme.id}/references`, {
            email: person,
          })
        ).status
      ).toBe(201)
      expect((await store.get("/store/customers/me", again)).status).toBe(401)
      expect((await store.post("/auth/token/refresh", {}, again)).status).toBe(
        401
      )
      // The person signs in again and is let in.
      expect(
        (await store.get("/store/customers/me", await choose())).status
      ).toBe(200)
    })

    it("ends a deleted customer's sessions at once, and deletes the login left acting for nobody", async () => {
      const email = "deleted@example.com"
      const customer = await confirmedCustomer(email)
      const first = await signIn(email)
      // The change gives the login a session epoch, which made core keep the
      // login when the customer was deleted.
      const changed = await store.post(
        "/store/customers/me/password",
        { current_password: STORE_PASSWORD, new_password: "Changed-Passw0rd!" },
        first
      )
      expect(changed.status).toBe(200)
      const token = changed.data.token as string
      expect((await store.get("/store/orders", token)).status).toBe(200)

      expect(
        (await admin.delete(`/admin/customers/${customer.id}`)).status
      ).toBe(200)

      // Refused on the very next request: the deletion ended the sessions
      // before it answered.
      expect((await store.get("/store/orders", token)).status).toBe(401)
      expect((await store.post("/auth/token/refresh", {}, token)).status).toBe(
        401
      )
      // The login left acting for nobody is deleted after the deletion
      // (the customer.deleted subscriber), as core deletes one it owns.
      const loginsOf = () =>
        getContainer()
          .resolve(Modules.AUTH)
          .listProviderIdentities({ provider: "emailpass", entity_id: email })
      for (let i = 0; i < 40 && (await loginsOf()).length; i++) {
        await sleep(50)
      }
      expect(await loginsOf()).toEqual([])
      const again = await store.post("/store/credentials/login", {
        identifier: email,
        password: "Changed-Passw0rd!",
      })
      expect(again.status).toBe(401)
    })

    it("authenticates nothing with a token that acts for a customer without naming its login, or a reset token that names one", async () => {
      const customer = await confirmedCustomer("foreign@example.com")
      const { http } = getContainer().resolve(
        ContainerRegistrationKeys.CONFIG_MODULE
      ).projectConfig
      const sign = (claims: Record<string, unknown>) =>
        generateJwtToken(claims, {
          secret: http.jwtSecret!,
          expiresIn: "1h",
        })
      const own = await signIn("foreign@example.com")
      expect((await store.get("/store/customers/me", own)).status).toBe(200)

      for (const claims of [
        {
          actor_id: customer.id,
          actor_type: "customer",
          auth_identity_id: "",
          app_metadata: { customer_id: customer.id },
        },
        {
          actor_id: customer.id,
          actor_type: "customer",
          auth_identity_id: "authid_whatever",
          purpose: "reset",
          app_metadata: { customer_id: customer.id },
        },
      ]) {
        const response = await store.get("/store/customers/me", sign(claims))
        expect({ claims, status: response.status }).toEqual({
          claims,
          status: 401,
        })
      }
    })
  },
})
