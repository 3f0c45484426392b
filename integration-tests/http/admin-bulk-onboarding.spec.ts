import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import type { AxiosInstance } from "axios"
import resumeCredentialBulkJobs from "../../src/jobs/resume-credential-bulk-jobs"
import { createAdminAndSignIn } from "./utils/admin"
import { credentialsService, failure } from "./utils/credentials"
import { createCustomer, createRegisteredCustomer } from "./utils/customers"
import { emailsTo } from "./utils/notifications"
import { createPublishableKeyHeader } from "./utils/store"
import { storeClient } from "./utils/store-session"

jest.setTimeout(180 * 1000)

const NEW_PASSWORD = "Activated-Passw0rd!"
const COUNT = 30

type Job = {
  id: string
  action: string
  status: string
  total: number
  processed: number
  succeeded: number
  failed: number
  errors: { customer_id: string; message: string }[]
  finished_at: string | null
}

const tokenFrom = (url: string) => new URL(url).searchParams.get("token")!

/** Polls the job until it is done (the work runs in the background). */
const waitForJob = async (
  api: AxiosInstance,
  headers: Record<string, string>,
  id: string
): Promise<Job> => {
  for (let attempt = 0; attempt < 600; attempt++) {
    const { data } = await api.get(`/admin/credentials/bulk/${id}`, {
      headers,
    })
    if (data.job.status === "completed" || data.job.status === "failed") {
      return data.job
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(`bulk job ${id} did not finish`)
}

medusaIntegrationTestRunner({
  inApp: true,
  env: {},
  testSuite: ({ api, getContainer }) => {
    let headers: Record<string, string>

    beforeEach(async () => {
      ;({ headers } = await createAdminAndSignIn(getContainer(), api))
    })

    const createMany = (prefix: string, count = COUNT) =>
      getContainer()
        .resolve(Modules.CUSTOMER)
        .createCustomers(
          Array.from({ length: count }, (_, i) => ({
            email: `${prefix}-${i}@example.com`,
            first_name: `Name${i}`,
          }))
        )

    const start = (body: Record<string, unknown>) =>
      api.post("/admin/credentials/bulk", body, { headers }).catch(failure)

    describe("send_activation", () => {
      it("emails every customer a working single-use activation link, in the background", async () => {
        const customers = await createMany("act")

        const response = await start({
          action: "send_activation",
          customer_ids: customers.map((c) => c.id),
        })

        expect(response.status).toBe(202)
        expect(response.data.job).toEqual(
          expect.objectContaining({
            id: expect.stringMatching(/^credbulk_/),
            action: "send_activation",
            total: COUNT,
          })
        )
        expect(["queued", "running", "completed"]).toContain(
          response.data.job.status
        )

        const job = await waitForJob(api, headers, response.data.job.id)
        expect(job).toEqual(
          expect.objectContaining({
            status: "completed",
            total: COUNT,
            processed: COUNT,
            succeeded: COUNT,
            failed: 0,
            errors: [],
            finished_at: expect.any(String),
          })
        )

        const notifications = await getContainer()
          .resolve(Modules.NOTIFICATION)
          .listNotifications(
            { channel: "email", template: "customer-account-activation" },
            { take: 1000 }
          )
        expect(notifications).toHaveLength(COUNT)
        expect(notifications.map((n) => n.to).sort()).toEqual(
          customers.map((c) => c.email).sort()
        )

        // Logins, customer numbers and audit rows for everyone.
        const rows = await credentialsService(
          getContainer()
        ).listCustomerCredentials({ customer_id: customers.map((c) => c.id) })
        expect(rows).toHaveLength(COUNT)
        expect(new Set(rows.map((r) => r.customer_number)).size).toBe(COUNT)
        const events = await credentialsService(
          getContainer()
        ).listCredentialEvents({
          customer_id: customers.map((c) => c.id),
          action: "activation_sent",
        })
        expect(events).toHaveLength(COUNT)
        for (const event of events) {
          expect(event.metadata).toEqual({
            created_login: true,
            bulk_job_id: job.id,
          })
        }

        // Nobody can sign in before activating: the new logins have no password.
        const store = storeClient(
          api,
          await createPublishableKeyHeader(getContainer())
        )
        const before = await store.post("/store/credentials/login", {
          identifier: "act-3@example.com",
          password: NEW_PASSWORD,
        })
        expect(before.status).toBe(401)

        // A link from a bulk email activates the account, once.
        const email = (await emailsTo(getContainer(), "act-3@example.com"))[0]
        expect(email.data!.text).toContain("Hello Name3,")
        const token = tokenFrom(email.data!.activation_url as string)
        const activated = await store.post("/store/credentials/activate", {
          token,
          password: NEW_PASSWORD,
        })
        expect(activated.status).toBe(200)
        expect(activated.data).toEqual({
          activated: true,
          email: "act-3@example.com",
        })
        // It signs in with its customer number (the store's default for a
        // backoffice activation), which the email names.
        const signedIn = await store.post("/store/credentials/login", {
          identifier: email.data!.customer_number as string,
          password: NEW_PASSWORD,
        })
        expect(signedIn.status).toBe(200)
        const again = await store.post("/store/credentials/activate", {
          token,
          password: "Another-Passw0rd!",
        })
        expect(again.status).toBe(400)
      })

      it("is continued after its last finished batch when its server stopped midway", async () => {
        const customers = await createMany("resume", 6)
        const ids = customers.map((c) => c.id)
        const service = credentialsService(getContainer())
        // A job whose server stopped after the first two customers' batch:
        // running, progress recorded, no progress for half an hour.
        const [job] = await service.createCredentialBulkJobs([
          {
            action: "send_activation",
            status: "running",
            customer_ids: ids as unknown as Record<string, unknown>,
            total: ids.length,
            processed: 2,
            succeeded: 2,
            last_customer_id: ids[1],
            started_at: new Date(Date.now() - 40 * 60_000),
          },
        ])
        const pg = getContainer().resolve(
          ContainerRegistrationKeys.PG_CONNECTION
        )
        await pg.raw(
          `UPDATE credential_bulk_job SET updated_at = now() - interval '30 minutes' WHERE id = ?`,
          [job.id]
        )
        // A job still making progress is left alone.
        const [live] = await service.createCredentialBulkJobs([
          {
            action: "send_activation",
            status: "running",
            customer_ids: [] as unknown as Record<string, unknown>,
          },
        ])

        await resumeCredentialBulkJobs(getContainer())

        const resumed = await waitForJob(api, headers, job.id)
        expect(resumed).toEqual(
          expect.objectContaining({
            status: "completed",
            total: 6,
            processed: 6,
            succeeded: 6,
            failed: 0,
          })
        )
        // Only the customers after the last finished batch got an email.
        const notifications = await getContainer()
          .resolve(Modules.NOTIFICATION)
          .listNotifications(
            { channel: "email", template: "customer-account-activation" },
            { take: 100 }
          )
        expect(notifications.map((n) => n.to).sort()).toEqual(
          customers
            .slice(2)
            .map((c) => c.email)
            .sort()
        )
        expect((await service.retrieveCredentialBulkJob(live.id)).status).toBe(
          "running"
        )
      })

      it("processes every customer without a login, and reports the ones it cannot", async () => {
        const fresh = await createMany("all", 5)
        await createRegisteredCustomer(getContainer(), {
          email: "has-login@example.com",
          password: "Some-Passw0rd!",
        })
        // A guest whose email already signs in to another customer.
        const guest = await createCustomer(getContainer(), {
          email: "has-login@example.com",
        })

        const response = await start({
          action: "send_activation",
          all_unregistered: true,
        })
        expect(response.status).toBe(202)
        expect(response.data.job.total).toBe(6)

        const job = await waitForJob(api, headers, response.data.job.id)
        expect(job).toEqual(
          expect.objectContaining({
            status: "completed",
            processed: 6,
            succeeded: 5,
            failed: 1,
          })
        )
        expect(job.errors).toEqual([
          {
            customer_id: guest.id,
            message: expect.stringMatching(
              /already signs in to another customer account/
            ),
          },
        ])
        for (const customer of fresh) {
          expect(await emailsTo(getContainer(), customer.email)).toHaveLength(1)
        }
        expect(
          await emailsTo(getContainer(), "has-login@example.com")
        ).toHaveLength(0)
      })
      it("counts a customer named twice in one request once", async () => {
        const [a, b, c] = await createMany("twice", 3)

        const response = await start({
          action: "send_activation",
          customer_ids: [a.id, b.id, a.id, c.id, b.id, a.id],
        })
        expect(response.status).toBe(202)
        expect(response.data.job.total).toBe(3)

        const job = await waitForJob(api, headers, response.data.job.id)
        expect(job).toEqual(
          expect.objectContaining({
            status: "completed",
            total: 3,
            processed: 3,
            succeeded: 3,
            failed: 0,
            errors: [],
          })
        )
        for (const customer of [a, b, c]) {
          expect(await emailsTo(getContainer(), customer.email)).toHaveLength(1)
        }
        const events = await credentialsService(
          getContainer()
        ).listCredentialEvents({
          customer_id: [a.id, b.id, c.id],
          action: "activation_sent",
        })
        expect(events).toHaveLength(3)
      })

      it("rolls a batch back when its emails cannot be sent, retries its customers one by one, and reports the one that still fails", async () => {
        const customers = await createMany("retry", 4)
        const unlucky = customers[2]
        const notifications = getContainer().resolve(Modules.NOTIFICATION)
        const send = notifications.createNotifications.bind(notifications)
        const calls: number[] = []
        // The provider is down for the batch's call (all of its emails) and
        // for one customer's own email when retried alone.
        const outage = jest
          .spyOn(notifications, "createNotifications")
          .mockImplementation((async (data: unknown, ...rest: unknown[]) => {
            const list = (Array.isArray(data) ? data : [data]) as {
              to: string
            }[]
            calls.push(list.length)
            if (list.length > 1 || list[0].to === unlucky.email) {
              throw new Error("SMTP unreachable")
            }
            return (send as (...args: unknown[]) => unknown)(data, ...rest)
          }) as never)

        let job: Job
        try {
          const response = await start({
            action: "send_activation",
            customer_ids: customers.map((c) => c.id),
          })
          expect(response.status).toBe(202)
          job = await waitForJob(api, headers, response.data.job.id)
        } finally {
          outage.mockRestore()
        }

        // One call for the batch, then one per customer.
        expect(calls).toEqual([4, 1, 1, 1, 1])
        expect(job).toEqual(
          expect.objectContaining({
            status: "completed",
            processed: 4,
            succeeded: 3,
            failed: 1,
          })
        )
        expect(job.errors).toEqual([
          {
            customer_id: unlucky.id,
            message: expect.stringMatching(/could not be sent/),
          },
        ])

        const auth = getContainer().resolve(Modules.AUTH)
        const loginsOf = (email: string) =>
          auth.listProviderIdentities({
            provider: "emailpass",
            entity_id: email,
          })
        const service = credentialsService(getContainer())
        // The unlucky customer: nothing of the batch, nothing of the retry.
        expect(await loginsOf(unlucky.email)).toEqual([])
        expect(
          (
            await getContainer()
              .resolve(Modules.CUSTOMER)
              .retrieveCustomer(unlucky.id)
          ).has_account
        ).toBe(false)
        expect(
          await service.listCredentialEvents({ customer_id: unlucky.id })
        ).toEqual([])
        expect(
          (
            await service.listCustomerCredentials({ customer_id: unlucky.id })
          ).map((row) => row.customer_number ?? null)
        ).not.toContainEqual(expect.any(String))
        expect(await emailsTo(getContainer(), unlucky.email)).toHaveLength(0)

        // The others: what the single action gives, once, with the job's id.
        for (const customer of customers.filter((c) => c !== unlucky)) {
          expect(await loginsOf(customer.email)).toHaveLength(1)
          expect(await emailsTo(getContainer(), customer.email)).toHaveLength(1)
          const events = await service.listCredentialEvents({
            customer_id: customer.id,
          })
          expect(events.map((event) => event.action)).toEqual([
            "activation_sent",
          ])
          expect(events[0].metadata).toEqual(
            expect.objectContaining({ bulk_job_id: job.id })
          )
        }
      })
    })

    describe("the job's report", () => {
      it("keeps the first 100 errors, across batches, and counts them all", async () => {
        const unknown = Array.from(
          { length: 105 },
          (_, i) => `cus_unknown_${String(i).padStart(3, "0")}`
        )
        const [real] = await createMany("capped", 1)

        const response = await start({
          action: "generate_credentials",
          customer_ids: [...unknown, real.id],
        })
        expect(response.status).toBe(202)

        const job = await waitForJob(api, headers, response.data.job.id)
        expect(job).toEqual(
          expect.objectContaining({
            status: "completed",
            total: 106,
            processed: 106,
            succeeded: 1,
            failed: 105,
          })
        )
        expect(job.errors).toEqual(
          unknown.slice(0, 100).map((id) => ({
            customer_id: id,
            message: `Customer ${id} not found.`,
          }))
        )
        expect(await emailsTo(getContainer(), real.email)).toHaveLength(1)
      })
    })

    describe("generate_credentials", () => {
      it("emails every customer a temporary password that signs in", async () => {
        const customers = await createMany("gen", 12)
        const registered = await createRegisteredCustomer(getContainer(), {
          email: "gen-registered@example.com",
          password: "Old-Passw0rd!",
        })
        const ids = [...customers.map((c) => c.id), registered.id]

        const response = await start({
          action: "generate_credentials",
          customer_ids: [...ids, "cus_unknown"],
        })
        expect(response.status).toBe(202)

        const job = await waitForJob(api, headers, response.data.job.id)
        expect(job).toEqual(
          expect.objectContaining({
            status: "completed",
            total: ids.length + 1,
            processed: ids.length + 1,
            succeeded: ids.length,
            failed: 1,
          })
        )
        expect(job.errors).toEqual([
          {
            customer_id: "cus_unknown",
            message: "Customer cus_unknown not found.",
          },
        ])
        // No secret in the job.
        expect(JSON.stringify(job)).not.toMatch(/password|token/i)

        const notifications = await getContainer()
          .resolve(Modules.NOTIFICATION)
          .listNotifications(
            { channel: "email", template: "customer-credentials-generated" },
            { take: 1000 }
          )
        expect(notifications.map((n) => n.to).sort()).toEqual(
          [...customers.map((c) => c.email), registered.email].sort()
        )

        const store = storeClient(
          api,
          await createPublishableKeyHeader(getContainer())
        )
        for (const email of [
          "gen-5@example.com",
          "gen-registered@example.com",
        ]) {
          const [sent] = await emailsTo(getContainer(), email)
          const password = sent.data!.password as string
          const signIn = await store.post("/store/credentials/login", {
            identifier: email,
            password,
          })
          expect(signIn.status).toBe(200)
          expect(signIn.data.must_change_password).toBe(true)
        }
        const old = await store.post("/store/credentials/login", {
          identifier: "gen-registered@example.com",
          password: "Old-Passw0rd!",
        })
        expect(old.status).toBe(401)

        const rows = await credentialsService(
          getContainer()
        ).listCustomerCredentials({ customer_id: ids })
        expect(rows).toHaveLength(ids.length)
        for (const row of rows) {
          expect(row).toEqual(
            expect.objectContaining({
              login_enabled: true,
              must_change_password: true,
              customer_number: expect.stringMatching(/^\d{6,}$/),
            })
          )
        }
        const events = await credentialsService(
          getContainer()
        ).listCredentialEvents({
          customer_id: ids,
          action: "credentials_generated",
        })
        expect(events).toHaveLength(ids.length)
        for (const event of events) {
          expect(event.metadata).toEqual({
            created_login: event.customer_id !== registered.id,
            bulk_job_id: job.id,
          })
        }
      })
    })

    describe("validation and access", () => {
      it("answers 400 with a message for bad input", async () => {
        const cases: [Record<string, unknown>, RegExp][] = [
          [{ action: "delete_everyone", all_unregistered: true }, /action/],
          [{ action: "send_activation" }, /either customer_ids/],
          [
            {
              action: "send_activation",
              customer_ids: ["cus_1"],
              all_unregistered: true,
            },
            /either customer_ids/,
          ],
          [
            { action: "send_activation", customer_ids: [] },
            /customer_ids.*at least/,
          ],
          [
            {
              action: "send_activation",
              customer_ids: Array.from({ length: 10_001 }, (_, i) => `c${i}`),
            },
            /customer_ids.*10000/,
          ],
          [
            { action: "send_activation", all_unregistered: true, extra: 1 },
            /extra/,
          ],
        ]
        for (const [body, message] of cases) {
          const response = await start(body)
          expect(response.status).toBe(400)
          expect(response.data.message).toMatch(message)
        }
      })

      it("answers 404 for an unknown job", async () => {
        const response = await api
          .get("/admin/credentials/bulk/credbulk_unknown", { headers })
          .catch(failure)
        expect(response.status).toBe(404)
        expect(response.data.message).toMatch(/credbulk_unknown was not found/)
      })

      it("answers 401 without an admin session", async () => {
        const post = await api
          .post("/admin/credentials/bulk", {
            action: "send_activation",
            all_unregistered: true,
          })
          .catch(failure)
        const get = await api
          .get("/admin/credentials/bulk/credbulk_x")
          .catch(failure)
        expect(post.status).toBe(401)
        expect(get.status).toBe(401)
      })
    })
  },
})
