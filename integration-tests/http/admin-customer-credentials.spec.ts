import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { Modules } from "@medusajs/framework/utils"
import { createAdminAndSignIn } from "./utils/admin"
import { credentialsService, failure } from "./utils/credentials"

jest.setTimeout(120 * 1000)

medusaIntegrationTestRunner({
  inApp: true,
  env: {},
  testSuite: ({ api, getContainer }) => {
    describe("GET /admin/customers/:id/credentials", () => {
      let headers: Record<string, string>
      let customerId: string

      beforeEach(async () => {
        const container = getContainer()
        ;({ headers } = await createAdminAndSignIn(container, api))
        const customer = await container
          .resolve(Modules.CUSTOMER)
          .createCustomers({ email: "jane@example.com", first_name: "Jane" })
        customerId = customer.id
      })

      it("answers a customer without a login with the defaults, and writes no row (a GET reads)", async () => {
        const response = await api.get(
          `/admin/customers/${customerId}/credentials`,
          { headers }
        )

        expect(response.status).toBe(200)
        expect(response.data.credentials).toEqual({
          customer_id: customerId,
          is_registered: false,
          login_enabled: true,
          // The row's default: a login older than the plugin signs in.
          email_confirmed: true,
          registered_at: null,
          customer_number: null,
          must_change_password: false,
          temporary_password_expires_at: null,
          last_password_change_at: null,
          last_login_at: null,
          failed_login_count: 0,
          locked_until: null,
          // No login: nothing signs in yet.
          sign_in_with: [],
        })

        const rows = await credentialsService(
          getContainer()
        ).listCustomerCredentials({ customer_id: customerId })
        expect(rows).toEqual([])
      })

      it("reads the row a change made, on every later call, and makes no other", async () => {
        await api.post(
          `/admin/customers/${customerId}/credentials`,
          { login_enabled: false },
          { headers }
        )
        const reads = await Promise.all(
          Array.from({ length: 5 }, () =>
            api.get(`/admin/customers/${customerId}/credentials`, { headers })
          )
        )

        expect(
          reads.map((read) => read.data.credentials.login_enabled)
        ).toEqual([false, false, false, false, false])
        const rows = await credentialsService(
          getContainer()
        ).listCustomerCredentials({ customer_id: customerId })
        expect(rows).toHaveLength(1)
      })

      it("is reachable through the customer with the query graph link", async () => {
        await api.post(
          `/admin/customers/${customerId}/credentials`,
          { email_confirmed: true },
          { headers }
        )

        const query = getContainer().resolve("query")
        const { data } = await query.graph({
          entity: "customer",
          fields: ["id", "customer_credential.login_enabled"],
          filters: { id: customerId },
        })
        expect(data[0].customer_credential).toEqual(
          expect.objectContaining({ login_enabled: true })
        )
      })

      it("answers 401 without an admin session", async () => {
        const response = await api
          .get(`/admin/customers/${customerId}/credentials`)
          .catch(failure)

        expect(response.status).toBe(401)
        const rows = await credentialsService(
          getContainer()
        ).listCustomerCredentials({ customer_id: customerId })
        expect(rows).toHaveLength(0)
      })

      it("answers 404 with a message for an unknown customer, and writes nothing", async () => {
        const response = await api
          .get(`/admin/customers/cus_does_not_exist/credentials`, { headers })
          .catch(failure)

        expect(response.status).toBe(404)
        expect(response.data.message).toMatch(/cus_does_not_exist/)
        const rows = await credentialsService(
          getContainer()
        ).listCustomerCredentials({})
        expect(rows).toHaveLength(0)
      })
    })

    describe("POST /admin/customers/:id/credentials", () => {
      let headers: Record<string, string>
      let userId: string
      let customerId: string

      beforeEach(async () => {
        const container = getContainer()
        ;({ headers, userId } = await createAdminAndSignIn(container, api))
        const customer = await container
          .resolve(Modules.CUSTOMER)
          .createCustomers({ email: "joe@example.com", first_name: "Joe" })
        customerId = customer.id
      })

      it("turns login off and on, and audits each change with the admin as actor", async () => {
        const off = await api.post(
          `/admin/customers/${customerId}/credentials`,
          { login_enabled: false },
          { headers }
        )
        expect(off.status).toBe(200)
        expect(off.data.credentials.login_enabled).toBe(false)

        const on = await api.post(
          `/admin/customers/${customerId}/credentials`,
          // A new row starts confirmed: turning it off is the change.
          { login_enabled: true, email_confirmed: false },
          { headers }
        )
        expect(on.data.credentials).toEqual(
          expect.objectContaining({
            login_enabled: true,
            email_confirmed: false,
          })
        )

        const events = await api.get(
          `/admin/customers/${customerId}/credentials/events`,
          { headers }
        )
        expect(events.status).toBe(200)
        expect(events.data.count).toBe(3)
        expect(
          events.data.events.map((e: { action: string }) => e.action).sort()
        ).toEqual(["email_unconfirmed", "login_disabled", "login_enabled"])
        for (const event of events.data.events) {
          expect(event).toEqual(
            expect.objectContaining({
              customer_id: customerId,
              actor_type: "user",
              actor_id: userId,
            })
          )
        }
      })

      it("does not audit a switch set to the value it already has", async () => {
        await api.post(
          `/admin/customers/${customerId}/credentials`,
          { login_enabled: true },
          { headers }
        )

        const events = await api.get(
          `/admin/customers/${customerId}/credentials/events`,
          { headers }
        )
        expect(events.data.count).toBe(0)
      })

      it.each([
        [{}, /login_enabled and\/or email_confirmed/],
        [{ login_enabled: "no" }, /login_enabled/],
        [{ password_hash: "x" }, /password_hash/],
      ])(
        "refuses %j with 400 and a message, and changes nothing",
        async (body, message) => {
          // The row exists first, so "nothing changed" compares a row, not
          // an empty list.
          const service = credentialsService(getContainer())
          await service.ensureCustomerCredential(customerId)
          const before = await service.listCustomerCredentials({
            customer_id: customerId,
          })
          expect(before).toHaveLength(1)
          expect(before[0].login_enabled).toBe(true)

          const response = await api
            .post(`/admin/customers/${customerId}/credentials`, body, {
              headers,
            })
            .catch(failure)

          expect(response.status).toBe(400)
          expect(response.data.message).toMatch(message)
          expect(
            await service.listCustomerCredentials({ customer_id: customerId })
          ).toEqual(before)
          expect(
            await service.listCredentialEvents({ customer_id: customerId })
          ).toEqual([])
        }
      )

      it("answers 404 for an unknown customer and 401 without a session", async () => {
        const unknown = await api
          .post(
            `/admin/customers/cus_missing/credentials`,
            { login_enabled: false },
            { headers }
          )
          .catch(failure)
        const anonymous = await api
          .post(`/admin/customers/${customerId}/credentials`, {
            login_enabled: false,
          })
          .catch(failure)
        const events = await api
          .get(`/admin/customers/cus_missing/credentials/events`, { headers })
          .catch(failure)

        expect(unknown.status).toBe(404)
        expect(unknown.data.message).toMatch(/cus_missing/)
        expect(anonymous.status).toBe(401)
        expect(events.status).toBe(404)
      })
    })
  },
})
