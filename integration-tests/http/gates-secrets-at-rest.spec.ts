import { logger } from "@medusajs/framework/logger"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import type { AxiosInstance } from "axios"
import removeSentEmailSecrets from "../../src/jobs/remove-sent-email-secrets"
import { createAdminAndSignIn } from "./utils/admin"
import { failure } from "./utils/credentials"
import { createCustomer, createRegisteredCustomer } from "./utils/customers"
import {
  afterSubscribers,
  emailsTo,
  SentEmail,
  sentEmails,
} from "./utils/notifications"
import { createPublishableKeyHeader } from "./utils/store"
import { STORE_PASSWORD, storeClient } from "./utils/store-session"

jest.setTimeout(180 * 1000)

const REMOVED = "[removed after sending]"
const NEW_PASSWORD = "Chosen-After-Link-7!"

const tokenFrom = (url: string) => new URL(url).searchParams.get("token")!

/** Every form a link's secret can take in stored text: the link, its token raw and encoded. */
const linkSecrets = (url: string) => {
  const token = tokenFrom(url)
  return [url, token, encodeURIComponent(token)]
}

const waitForJob = async (
  api: AxiosInstance,
  headers: Record<string, string>,
  id: string
) => {
  for (let attempt = 0; attempt < 600; attempt++) {
    const { data } = await api.get(`/admin/credentials/bulk/${id}`, {
      headers,
    })
    if (data.job.status === "completed" || data.job.status === "failed") {
      return data.job as { status: string; succeeded: number }
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
    let store: ReturnType<typeof storeClient>

    beforeEach(async () => {
      ;({ headers } = await createAdminAndSignIn(getContainer(), api))
      store = storeClient(api, await createPublishableKeyHeader(getContainer()))
    })

    type Answer = { status: number; data: any }
    const admin = {
      post: (path: string, body: unknown = {}): Promise<Answer> =>
        api.post(path, body, { headers }).catch(failure),
      get: (path: string) => api.get(path, { headers }).catch(failure),
    }

    /** Everything stored about notifications: core's admin list and the table itself. */
    const atRest = async () => {
      const listed = await admin.get(
        "/admin/notifications?limit=1000&fields=id,to,template,data,status,trigger_type"
      )
      expect(listed.status).toBe(200)
      const pg = getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION)
      const table = await pg.raw(`SELECT n::text AS row FROM notification n`)
      const rows = table.rows as { row: string }[]
      return {
        notifications: listed.data.notifications as {
          id: string
          to: string
          template: string
          status: string
          data: Record<string, unknown>
        }[],
        admin: JSON.stringify(listed.data),
        sql: rows.map(({ row }) => row).join("\n"),
        count: rows.length,
      }
    }

    /**
     * The provider was handed `sent` with its secret; what is stored of it
     * is the same email with the secret replaced, and no stored
     * notification holds any form of the secret.
     */
    const expectSentButNotStored = async (
      sent: SentEmail,
      secretField: "password" | "activation_url" | "reset_url",
      secrets: string[]
    ) => {
      const secret = sent.data[secretField] as string
      expect(secret).toEqual(expect.any(String))
      expect(sent.data.text).toContain(secret)

      const stored = await atRest()
      expect(stored.count).toBeGreaterThan(0) // the scan reads real rows
      // The stored copy: the same email, the secret replaced everywhere.
      expect(
        stored.notifications.filter(
          (n) => n.to === sent.to && n.template === sent.template
        )
      ).toContainEqual(
        expect.objectContaining({
          status: "success",
          data: {
            ...sent.data,
            [secretField]: REMOVED,
            text: (sent.data.text as string).split(secret).join(REMOVED),
          },
        })
      )
      for (const value of secrets) {
        expect({
          template: sent.template,
          admin: stored.admin.includes(value),
        }).toEqual({ template: sent.template, admin: false })
        expect({
          template: sent.template,
          sql: stored.sql.includes(value),
        }).toEqual({ template: sent.template, sql: false })
      }
    }

    const signIn = (identifier: string, password: string) =>
      store.post("/store/credentials/login", { identifier, password })

    /** Core's password update with a reset or activation token. */
    const choosePassword = (token: string, password = NEW_PASSWORD) =>
      store.post("/auth/customer/emailpass/update", { password }, token)

    const only = async (to: string, template: string) => {
      const emails = (await emailsTo(getContainer(), to)).filter(
        (email) => email.template === template
      )
      expect(emails).toHaveLength(1)
      return emails[0]
    }

    it("generated credentials: the password is emailed and signs in, no stored notification holds it", async () => {
      const customer = await createCustomer(getContainer(), {
        email: "generated@example.com",
      })

      const response = await admin.post(
        `/admin/customers/${customer.id}/credentials/generate`
      )
      expect(response.status).toBe(200)

      const sent = await only(
        "generated@example.com",
        "customer-credentials-generated"
      )
      const password = sent.data.password as string
      await expectSentButNotStored(sent, "password", [password])
      expect((await signIn("generated@example.com", password)).status).toBe(200)
    })

    it("admin reset-password: the link is emailed and works, no stored notification holds it", async () => {
      const customer = await createRegisteredCustomer(getContainer(), {
        email: "admin-reset@example.com",
        password: STORE_PASSWORD,
      })

      const response = await afterSubscribers(
        getContainer(),
        "auth.password_reset",
        () =>
          admin.post(
            `/admin/customers/${customer.id}/credentials/reset-password`
          )
      )
      expect(response.status).toBe(202)

      const sent = await only(
        "admin-reset@example.com",
        "customer-password-reset"
      )
      const url = sent.data.reset_url as string
      await expectSentButNotStored(sent, "reset_url", linkSecrets(url))
      expect((await choosePassword(tokenFrom(url))).status).toBe(200)
      expect(
        (await signIn("admin-reset@example.com", NEW_PASSWORD)).status
      ).toBe(200)
    })

    it("forgot password: the link is emailed and works, no stored notification holds it", async () => {
      await createRegisteredCustomer(getContainer(), {
        email: "forgot@example.com",
        password: STORE_PASSWORD,
      })

      const response = await afterSubscribers(
        getContainer(),
        "auth.password_reset",
        () =>
          store.post("/auth/customer/emailpass/reset-password", {
            identifier: "forgot@example.com",
          })
      )
      expect(response.status).toBe(201)

      const sent = await only("forgot@example.com", "customer-password-reset")
      const url = sent.data.reset_url as string
      await expectSentButNotStored(sent, "reset_url", linkSecrets(url))
      expect((await choosePassword(tokenFrom(url))).status).toBe(200)
      expect((await signIn("forgot@example.com", NEW_PASSWORD)).status).toBe(
        200
      )
    })

    it("send-activation: the link is emailed and works, no stored notification holds it", async () => {
      const customer = await createCustomer(getContainer(), {
        email: "activation@example.com",
        first_name: "Ada",
      })

      const response = await admin.post(
        `/admin/customers/${customer.id}/credentials/send-activation`
      )
      expect(response.status).toBe(202)

      const sent = await only(
        "activation@example.com",
        "customer-account-activation"
      )
      const url = sent.data.activation_url as string
      await expectSentButNotStored(sent, "activation_url", linkSecrets(url))
      expect((await choosePassword(tokenFrom(url))).status).toBe(200)
      // With its customer number: the default for a backoffice activation.
      expect(
        (await signIn(response.data.credentials.customer_number, NEW_PASSWORD))
          .status
      ).toBe(200)
    })

    it("registration: the confirmation link is emailed and works, no stored notification holds it", async () => {
      const registered = await afterSubscribers(
        getContainer(),
        "auth.verification_requested",
        () =>
          store.post("/store/credentials/register", {
            email: "registered@example.com",
            password: STORE_PASSWORD,
            first_name: "Reg",
            last_name: "Istered",
          })
      )
      expect(registered.status).toBe(201)

      const sent = await only(
        "registered@example.com",
        "customer-account-activation"
      )
      const url = sent.data.activation_url as string
      await expectSentButNotStored(sent, "activation_url", linkSecrets(url))
      expect(
        (
          await store.post("/store/credentials/activate", {
            token: tokenFrom(url),
          })
        ).status
      ).toBe(200)
      expect(
        (await signIn("registered@example.com", STORE_PASSWORD)).status
      ).toBe(200)
    })

    it("bulk generate and send_activation: every emailed secret works, no stored notification holds one", async () => {
      const customers = getContainer().resolve(Modules.CUSTOMER)
      const forPasswords = await customers.createCustomers(
        [0, 1, 2].map((i) => ({ email: `bulk-gen-${i}@example.com` }))
      )
      const forLinks = await customers.createCustomers(
        [0, 1, 2].map((i) => ({ email: `bulk-act-${i}@example.com` }))
      )

      for (const [action, group] of [
        ["generate_credentials", forPasswords],
        ["send_activation", forLinks],
      ] as const) {
        const started = await admin.post("/admin/credentials/bulk", {
          action,
          customer_ids: group.map((c) => c.id),
        })
        expect(started.status).toBe(202)
        const job = await waitForJob(api, headers, started.data.job.id)
        expect(job).toEqual(
          expect.objectContaining({ status: "completed", succeeded: 3 })
        )
      }

      for (const customer of forPasswords) {
        const sent = await only(
          customer.email,
          "customer-credentials-generated"
        )
        const password = sent.data.password as string
        await expectSentButNotStored(sent, "password", [password])
        expect((await signIn(customer.email, password)).status).toBe(200)
      }
      for (const customer of forLinks) {
        const sent = await only(customer.email, "customer-account-activation")
        const url = sent.data.activation_url as string
        await expectSentButNotStored(sent, "activation_url", linkSecrets(url))
        expect((await choosePassword(tokenFrom(url))).status).toBe(200)
        expect(
          (await signIn(sent.data.customer_number as string, NEW_PASSWORD))
            .status
        ).toBe(200)
      }
    })

    it("sending again issues a new secret; core has no route that sends a stored notification again", async () => {
      const customer = await createCustomer(getContainer(), {
        email: "again@example.com",
      })
      const path = `/admin/customers/${customer.id}/credentials/send-activation`
      expect((await admin.post(path)).status).toBe(202)
      expect((await admin.post(path)).status).toBe(202)

      const [first, second] = await emailsTo(
        getContainer(),
        "again@example.com"
      )
      const older = first.data.activation_url as string
      const newer = second.data.activation_url as string
      expect(newer).not.toBe(older)
      await expectSentButNotStored(first, "activation_url", linkSecrets(older))
      await expectSentButNotStored(second, "activation_url", linkSecrets(newer))

      // Medusa 2.21's admin API reads notifications (list, one) and sends
      // none again: a stored, secret-free notification is never replayed.
      const { notifications } = await atRest()
      const stored = notifications.find((n) => n.to === "again@example.com")!
      const replay = await admin.post(
        `/admin/notifications/${stored.id}/resend`
      )
      expect(replay.status).toBe(404)
      expect(sentEmails(getContainer())).toHaveLength(2)

      // The newer link voids the older one.
      expect((await choosePassword(tokenFrom(older))).status).toBe(401)
      expect((await choosePassword(tokenFrom(newer))).status).toBe(200)
    })

    it("a failed send is stored without its secret too, and the password it carried does not sign in", async () => {
      const customer = await createCustomer(getContainer(), {
        email: "failing@example.com",
      })
      // The provider receives the email and then fails (the outbox has
      // already read it: the local provider logs first).
      const info = logger.info
      logger.info = function (this: typeof logger, ...args: unknown[]) {
        const result = (info as (...a: unknown[]) => unknown).apply(this, args)
        if (String(args[0]).includes("customer-credentials-generated")) {
          throw new Error("provider down")
        }
        return result
      } as typeof logger.info
      let response: Answer
      try {
        response = await admin.post(
          `/admin/customers/${customer.id}/credentials/generate`
        )
      } finally {
        logger.info = info
      }
      expect(response.status).toBeGreaterThanOrEqual(400)
      expect(response.data.message).toMatch(/could not be sent/)

      const sent = await only(
        "failing@example.com",
        "customer-credentials-generated"
      )
      const password = sent.data.password as string
      expect(sent.data.text).toContain(password)
      const stored = await atRest()
      const row = stored.notifications.find(
        (n) => n.to === "failing@example.com"
      )!
      expect(row.status).toBe("failure")
      expect(row.data.password).toBe(REMOVED)
      expect(stored.admin).not.toContain(password)
      expect(stored.sql).not.toContain(password)
      expect((await signIn("failing@example.com", password)).status).toBe(401)
    })

    it("the scheduled job removes a secret a stopped server left in a sent email's row", async () => {
      // What a server that stopped between the send and the rewrite leaves:
      // a notification stored by the module with its secret.
      const notifications = getContainer().resolve(Modules.NOTIFICATION)
      const [left, , other] = await notifications.createNotifications([
        {
          to: "left@example.com",
          channel: "email",
          template: "customer-credentials-generated",
          data: {
            subject: "Your login details",
            text: "  Temporary password: Left-Behind-Secret-9",
            password: "Left-Behind-Secret-9",
          },
        },
        {
          to: "sending@example.com",
          channel: "email",
          template: "customer-password-reset",
          data: {
            subject: "Reset your password",
            text: "http://localhost:8000/account/reset-password?token=in-flight",
            reset_url:
              "http://localhost:8000/account/reset-password?token=in-flight",
          },
        },
        {
          to: "shop@example.com",
          channel: "email",
          template: "order-placed",
          data: { password: "not-ours" },
        },
      ])
      const pg = getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION)
      await pg.raw(
        `UPDATE notification SET created_at = now() - interval '20 minutes' WHERE id IN (?, ?)`,
        [left.id, other.id]
      )

      expect(await removeSentEmailSecrets(getContainer())).toEqual({
        rewritten: 1,
      })

      const after = await atRest()
      expect(after.sql).not.toContain("Left-Behind-Secret-9")
      const row = after.notifications.find((n) => n.to === "left@example.com")!
      expect(row.data).toEqual({
        subject: "Your login details",
        text: `  Temporary password: ${REMOVED}`,
        password: REMOVED,
      })
      // A send still under way (under ten minutes) and another module's
      // template are left as they are.
      expect(after.sql).toContain("token=in-flight")
      expect(after.sql).toContain("not-ours")
    })
  },
})
