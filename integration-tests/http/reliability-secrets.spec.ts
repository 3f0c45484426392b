import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { createAdminAndSignIn } from "./utils/admin"
import { failure } from "./utils/credentials"
import {
  afterSubscribers,
  emailsTo,
  storedEmailsTo,
} from "./utils/notifications"
import { createPublishableKeyHeader } from "./utils/store"
import { activationTokenFrom, storeClient } from "./utils/store-session"

jest.setTimeout(5 * 60 * 1000)

const EMAIL = "secret-keeper@example.com"
/** A customer the admin sends an activation link, and one onboarded in bulk. */
const INVITED = "invited-keeper@example.com"
const BULK = "bulk-keeper@example.com"
/** Every password the flow below sets; distinctive so a scan cannot miss one. */
const PASSWORDS = {
  registered: "Registered-Zq7!xK",
  reset: "Reset-Wp4!mN9",
  changed: "Changed-Rt6!vB2",
  manual: "Manual-Ys3!hJ8",
}
/** Passwords a request sends and the server refuses: never kept either. */
const REFUSED = {
  wrongSignIn: "Wrong-Guess-Kp2!",
  wrongCurrent: "Wrong-Current-Hd5!",
  weakNew: "weakpass-qx",
  takenRegistration: "Taken-Email-Lm5!",
}

/**
 * A secret as code might store or log it without its plain text: base64,
 * base64url, URL-encoded, JSON-escaped.
 */
const encodedForms = (secret: string) => [
  ...new Set([
    secret,
    Buffer.from(secret).toString("base64"),
    Buffer.from(secret).toString("base64url"),
    encodeURIComponent(secret),
    JSON.stringify(secret).slice(1, -1),
  ]),
]

medusaIntegrationTestRunner({
  inApp: true,
  env: {},
  testSuite: ({ api, getContainer }) => {
    it("keeps every password and token out of the database (stored notifications included), the log and the events, except where a flow must send it", async () => {
      const container = getContainer()
      // The level a merchant's server logs at by default (Medusa's "http",
      // every request), whatever LOG_LEVEL the test run was given.
      const logger = container.resolve(
        ContainerRegistrationKeys.LOGGER
      ) as unknown as Record<string, (...args: unknown[]) => unknown> & {
        setLogLevel(level: string): void
        unsetLogLevel(): void
        shouldLog(level: string): boolean
      }
      logger.setLogLevel("http")
      const logged: string[] = []
      // What the server logs, read at the logger itself (jest may buffer
      // the console instead of writing to the process's streams), plus
      // anything written to the streams directly.
      const LEVELS = ["error", "warn", "info", "http", "verbose", "debug"]
      const loggerMethods = Object.fromEntries(
        LEVELS.map((level) => [level, logger[level]])
      )
      for (const level of LEVELS) {
        logger[level] = (...args: unknown[]) => {
          if (logger.shouldLog(level)) {
            logged.push(`${args.map((arg) => String(arg)).join(" ")}\n`)
          }
          return loggerMethods[level].apply(logger, args)
        }
      }
      /** Every event emitted, by name, with its payload as JSON text. */
      const events: { name: string; text: string }[] = []
      const writes = {
        stdout: process.stdout.write.bind(process.stdout),
        stderr: process.stderr.write.bind(process.stderr),
      }
      const capture =
        (write: typeof process.stdout.write) =>
        (chunk: unknown, ...rest: unknown[]) => {
          logged.push(String(chunk))
          return (write as (...args: unknown[]) => boolean)(chunk, ...rest)
        }
      process.stdout.write = capture(
        writes.stdout
      ) as typeof process.stdout.write
      process.stderr.write = capture(
        writes.stderr
      ) as typeof process.stderr.write
      const eventBus = container.resolve(Modules.EVENT_BUS)
      const emit = eventBus.emit.bind(eventBus)
      eventBus.emit = ((data: unknown, options: unknown) => {
        for (const message of [data].flat() as { name?: string }[]) {
          events.push({
            name: String(message?.name),
            text: JSON.stringify(message),
          })
        }
        return emit(data as never, options as never)
      }) as typeof eventBus.emit

      let generated: string
      /** The emails sent to `to`, once there are `count` (sent in the background). */
      const waitForEmails = async (to: string, count: number) => {
        const deadline = Date.now() + 60_000
        for (;;) {
          const sent = await emailsTo(container, to)
          if (sent.length >= count || Date.now() > deadline) {
            expect(sent).toHaveLength(count)
            return sent
          }
          await new Promise((resolve) => setTimeout(resolve, 200))
        }
      }
      try {
        const store = storeClient(
          api,
          await createPublishableKeyHeader(container)
        )
        const { headers } = await createAdminAndSignIn(container, api)
        const admin = (path: string, body: unknown) =>
          api.post(path, body, { headers }).catch(failure)

        // Register and activate.
        const registered = await afterSubscribers(
          container,
          "auth.verification_requested",
          () =>
            store.post("/store/credentials/register", {
              email: EMAIL,
              password: PASSWORDS.registered,
              first_name: "Kim",
              last_name: "Keeper",
            })
        )
        expect(registered.status).toBe(201)
        // The answer names no customer (a guest's email would leak its id).
        const [{ id: customerId }] = await container
          .resolve(Modules.CUSTOMER)
          .listCustomers({ email: EMAIL })
        const [activation] = await emailsTo(container, EMAIL)
        const activationToken = activationTokenFrom(
          activation.data!.text as string
        )
        expect(
          (
            await store.post("/store/credentials/activate", {
              token: activationToken,
            })
          ).status
        ).toBe(200)

        // Forgot password, then reset with the emailed token.
        await afterSubscribers(container, "auth.password_reset", () =>
          store.post("/auth/customer/emailpass/reset-password", {
            identifier: EMAIL,
          })
        )
        const resetEmail = (await emailsTo(container, EMAIL)).find(
          (email) => email.template === "customer-password-reset"
        )!
        const resetToken = new URL(
          resetEmail.data!.reset_url as string
        ).searchParams.get("token")!
        const reset = await api
          .post(
            "/auth/customer/emailpass/update",
            { password: PASSWORDS.reset },
            { headers: { authorization: `Bearer ${resetToken}` } }
          )
          .catch(failure)
        expect(reset.status).toBe(200)

        // Change own password.
        const login = await store.post("/store/credentials/login", {
          identifier: EMAIL,
          password: PASSWORDS.reset,
        })
        expect(login.status).toBe(200)
        const sessionToken = login.data.token as string
        expect(
          (
            await store.post(
              "/store/customers/me/password",
              {
                current_password: PASSWORDS.reset,
                new_password: PASSWORDS.changed,
              },
              sessionToken
            )
          ).status
        ).toBe(200)

        // The admin enters a password, then generates one.
        expect(
          (
            await admin("/admin/credential-settings", {
              allow_manual_entry: true,
            })
          ).status
        ).toBe(200)
        expect(
          (
            await admin(`/admin/customers/${customerId}/credentials/password`, {
              password: PASSWORDS.manual,
              confirm_password: PASSWORDS.manual,
            })
          ).status
        ).toBe(200)
        expect(
          (
            await admin(
              `/admin/customers/${customerId}/credentials/generate`,
              {}
            )
          ).status
        ).toBe(200)
        const generatedEmail = (await emailsTo(container, EMAIL)).find(
          (email) => email.template === "customer-credentials-generated"
        )!
        generated = /Temporary password: (\S+)/.exec(
          generatedEmail.data!.text as string
        )![1]
        const temporary = await store.post("/store/credentials/login", {
          identifier: EMAIL,
          password: generated,
        })
        expect(temporary.status).toBe(200)
        const temporarySession = temporary.data.token as string

        // Refusals: a wrong password at sign-in, a wrong current password,
        // a weak new one, a registration of a taken email.
        const refusals = [
          await store.post("/store/credentials/login", {
            identifier: EMAIL,
            password: REFUSED.wrongSignIn,
          }),
          await store.post(
            "/store/customers/me/password",
            {
              current_password: REFUSED.wrongCurrent,
              new_password: "Never-Set-Ab1!",
            },
            temporarySession
          ),
          await store.post(
            "/store/customers/me/password",
            { current_password: generated, new_password: REFUSED.weakNew },
            temporarySession
          ),
          await store.post("/store/credentials/register", {
            email: EMAIL,
            password: REFUSED.takenRegistration,
            first_name: "Kim",
            last_name: "Keeper",
          }),
        ]
        expect(refusals.map((response) => response.status)).toEqual([
          401, 400, 400, 409,
        ])

        // The admin's reset email, and the activation email and generated
        // password of customers the admin onboards (one by one, and in bulk).
        await afterSubscribers(container, "auth.password_reset", () =>
          admin(`/admin/customers/${customerId}/credentials/reset-password`, {})
        )
        const adminResetToken = new URL(
          (await emailsTo(container, EMAIL))
            .filter((email) => email.template === "customer-password-reset")
            .pop()!.data!.reset_url as string
        ).searchParams.get("token")!
        expect(adminResetToken).not.toBe(resetToken)

        const customers = container.resolve(Modules.CUSTOMER)
        const invited = await customers.createCustomers({
          email: INVITED,
          first_name: "Ivy",
        })
        expect(
          (
            await admin(
              `/admin/customers/${invited.id}/credentials/send-activation`,
              {}
            )
          ).status
        ).toBe(202)
        const sentActivationToken = activationTokenFrom(
          (await waitForEmails(INVITED, 1))[0].data!.text as string
        )
        const bulkCustomer = await customers.createCustomers({
          email: BULK,
          first_name: "Bo",
        })
        expect(
          (
            await admin("/admin/credentials/bulk", {
              action: "generate_credentials",
              customer_ids: [bulkCustomer.id],
            })
          ).status
        ).toBe(202)
        const bulkPassword = /Temporary password: (\S+)/.exec(
          (await waitForEmails(BULK, 1))[0].data!.text as string
        )![1]
        expect(
          (
            await store.post("/store/credentials/login", {
              identifier: BULK,
              password: bulkPassword,
            })
          ).status
        ).toBe(200)

        // The scan. Every table, the notifications included (a sent email
        // keeps no password or link), as text.
        const pg = container.resolve(ContainerRegistrationKeys.PG_CONNECTION)
        const tables = await pg.raw(
          `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`
        )
        let database = ""
        for (const { table_name } of tables.rows as { table_name: string }[]) {
          const rows = await pg.raw(
            `SELECT coalesce(string_agg(t::text, E'\\n'), '') AS dump FROM "${table_name}" t`
          )
          database += rows.rows[0].dump
        }
        expect(database).toContain(EMAIL) // the scan reads real rows

        const notifications = await container
          .resolve(Modules.NOTIFICATION)
          .listNotifications({}, { take: 1000 })
        const inNotifications = (secret: string) =>
          notifications
            .filter((notification) =>
              encodedForms(secret).some((form) =>
                JSON.stringify(notification).includes(form)
              )
            )
            .map((notification) => notification.template)

        // The capture saw the flows' events (a scan of nothing finds nothing).
        const eventNames = new Set(events.map((event) => event.name))
        for (const name of [
          "auth.verification_requested",
          "auth.password_reset",
          "customer_credentials.password_changed",
          "customer_credentials.credentials_generated",
        ]) {
          expect({ event: name, captured: eventNames.has(name) }).toEqual({
            event: name,
            captured: true,
          })
        }
        /** The names of the events whose payload holds a form of the secret. */
        const inEvents = (secret: string) => [
          ...new Set(
            events
              .filter((event) =>
                encodedForms(secret).some((form) => event.text.includes(form))
              )
              .map((event) => event.name)
          ),
        ]
        const inDatabase = (secret: string) =>
          encodedForms(secret).filter((form) => database.includes(form))
        // Medusa's local notification provider (the development default)
        // logs each email it "sends", data included: a secret may appear in
        // the log only inside the logged email that carries it.
        const logLines = logged.join("").split("\n")
        const inLog = (secret: string) =>
          logLines
            .filter((line) =>
              encodedForms(secret).some((form) => line.includes(form))
            )
            .map(
              (line) =>
                /Attempting to send a notification to: .* with template: '([^']+)'/.exec(
                  line
                )?.[1] ?? line
            )
        // Passwords, set or refused, in any of their forms: in no table
        // and no event; in the log only the generated ones, inside the one
        // email that carries each.
        for (const [name, password] of Object.entries({
          ...PASSWORDS,
          ...REFUSED,
          generated,
          bulk: bulkPassword,
        })) {
          expect({ password: name, database: inDatabase(password) }).toEqual({
            password: name,
            database: [],
          })
          expect({ password: name, events: inEvents(password) }).toEqual({
            password: name,
            events: [],
          })
          expect({
            password: name,
            notifications: inNotifications(password),
          }).toEqual({ password: name, notifications: [] })
          expect({
            password: name,
            log: [...new Set(inLog(password))],
          }).toEqual({
            password: name,
            log:
              name === "generated" || name === "bulk"
                ? ["customer-credentials-generated"]
                : [],
          })
        }
        // The stored notification of the email that carried it no longer
        // holds it; the provider's log line at the send does.
        expect(
          (await storedEmailsTo(container, EMAIL)).filter(
            (email) => email.template === "customer-credentials-generated"
          )
        ).toHaveLength(1)

        // Raw tokens: only inside the one email that carries their link, as
        // sent (the provider's log line), not as stored.
        // On the event bus a token travels only in core's own event that
        // hands it to the subscriber sending the email: the reset token in
        // `auth.password_reset` (core's payload is `{ entity_id,
        // actor_type, token, metadata }`), an email code in
        // `auth.verification_requested`. No plugin event carries one.
        for (const [name, token, template, event] of [
          [
            "registration link",
            activationToken,
            "customer-account-activation",
            "auth.verification_requested",
          ],
          [
            "forgot-password link",
            resetToken,
            "customer-password-reset",
            "auth.password_reset",
          ],
          [
            "admin's reset link",
            adminResetToken,
            "customer-password-reset",
            "auth.password_reset",
          ],
          [
            "admin's activation link",
            sentActivationToken,
            "customer-account-activation",
            null,
          ],
        ] as const) {
          expect({
            token: name,
            database: inDatabase(token),
            notifications: inNotifications(token),
            log: [...new Set(inLog(token))],
            events: inEvents(token),
          }).toEqual({
            token: name,
            database: [],
            notifications: [],
            log: [template],
            events: event ? [event] : [],
          })
        }
        process.stdout.write = writes.stdout
        process.stderr.write = writes.stderr
        // The scan saw the server's log at that level: the event bus's and
        // the notification provider's lines for the flows above.
        expect(logged.join("")).toContain(
          "Processing auth.verification_requested"
        )
        writes.stdout(
          `secrets: scanned ${tables.rows.length} tables, ${logged.length} log writes, ${events.length} events (${eventNames.size} names), ${notifications.length} notifications, each secret in ${encodedForms("x!").length} forms\n`
        )
      } finally {
        process.stdout.write = writes.stdout
        process.stderr.write = writes.stderr
        eventBus.emit = emit
        Object.assign(logger, loggerMethods)
        logger.unsetLogLevel()
      }
    })
  },
})
