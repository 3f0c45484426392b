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
/** Every password the flow below sets; distinctive so a scan cannot miss one. */
const PASSWORDS = {
  registered: "Registered-Zq7!xK",
  reset: "Reset-Wp4!mN9",
  changed: "Changed-Rt6!vB2",
  manual: "Manual-Ys3!hJ8",
}

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
      const events: string[] = []
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
        events.push(JSON.stringify(data))
        return emit(data as never, options as never)
      }) as typeof eventBus.emit

      let generated: string
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
        const customerId = registered.data.customer_id as string
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
        expect(
          (
            await store.post("/store/credentials/login", {
              identifier: EMAIL,
              password: generated,
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
              JSON.stringify(notification).includes(secret)
            )
            .map((notification) => notification.template)

        const places = {
          database,
          events: events.join("\n"),
        }
        // Medusa's local notification provider (the development default)
        // logs each email it "sends", data included: a secret may appear in
        // the log only inside the logged email that carries it.
        const logLines = logged.join("").split("\n")
        const inLog = (secret: string) =>
          logLines
            .filter((line) => line.includes(secret))
            .map(
              (line) =>
                /Attempting to send a notification to: .* with template: '([^']+)'/.exec(
                  line
                )?.[1] ?? line
            )
        for (const password of [...Object.values(PASSWORDS), generated]) {
          for (const [place, text] of Object.entries(places)) {
            expect({ place, found: text.includes(password) }).toEqual({
              place,
              found: false,
            })
          }
        }
        for (const password of Object.values(PASSWORDS)) {
          expect(inNotifications(password)).toEqual([])
          expect(inLog(password)).toEqual([])
        }
        // The stored notification of the email that carried it no longer
        // holds it; the provider's log line at the send does.
        expect(inNotifications(generated)).toEqual([])
        expect(
          (await storedEmailsTo(container, EMAIL)).filter(
            (email) => email.template === "customer-credentials-generated"
          )
        ).toHaveLength(1)
        expect([...new Set(inLog(generated))]).toEqual([
          "customer-credentials-generated",
        ])

        // Raw tokens: only inside the one email that carries their link, as
        // sent (the provider's log line), not as stored.
        for (const [token, template] of [
          [activationToken, "customer-account-activation"],
          [resetToken, "customer-password-reset"],
        ]) {
          expect({
            token: template,
            database: database.includes(token),
          }).toEqual({
            token: template,
            database: false,
          })
          expect([...new Set(inLog(token))]).toEqual([template])
          expect(inNotifications(token)).toEqual([])
        }
        process.stdout.write = writes.stdout
        process.stderr.write = writes.stderr
        // The scan saw the server's log at that level: the event bus's and
        // the notification provider's lines for the flows above.
        expect(logged.join("")).toContain(
          "Processing auth.verification_requested"
        )
        writes.stdout(
          `secrets: scanned ${tables.rows.length} tables, ${logged.length} log writes, ${events.length} events, ${notifications.length} notifications\n`
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
