import { logger } from "@medusajs/framework/logger"
import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { TestEventUtils } from "@medusajs/test-utils"

/** One email as the notification provider received it (what the customer gets). */
export type SentEmail = {
  to: string
  channel: string
  template: string
  data: Record<string, any>
}

/**
 * The outbox: Medusa's local notification provider, the one medusa-config
 * configures, logs every notification it is handed, data included (the
 * subject, the text and the named values a provider renders). The line is
 * read here at the logger, whatever the log level, for the whole jest file;
 * each test starts with an empty outbox, as with the database the runner
 * restores before each test.
 *
 * The stored notifications (`storedEmailsTo`) are not the outbox: the plugin
 * removes passwords and links from them once they are sent.
 */
const outbox: SentEmail[] = []
const PROVIDER_LINE =
  /^Attempting to send a notification to: '(.*?)' on the channel: '(.*?)' with template: '(.*?)' and data: '(.*)'$/s

const info = logger.info
logger.info = function (this: typeof logger, ...args: unknown[]) {
  const line = typeof args[0] === "string" ? PROVIDER_LINE.exec(args[0]) : null
  if (line) {
    outbox.push({
      to: line[1],
      channel: line[2],
      template: line[3],
      data: JSON.parse(line[4]),
    })
  }
  return (info as (...a: unknown[]) => unknown).apply(this, args)
} as typeof logger.info

beforeEach(() => {
  outbox.length = 0
})

const assertOutboxListens = (container: MedusaContainer) => {
  if (container.resolve(ContainerRegistrationKeys.LOGGER) !== logger) {
    throw new Error(
      "The app's logger is not @medusajs/framework's: the outbox cannot read the notification provider's lines"
    )
  }
}

/** The emails the provider was handed for a recipient, oldest first. */
export const emailsTo = async (
  container: MedusaContainer,
  to: string
): Promise<SentEmail[]> => {
  assertOutboxListens(container)
  return outbox.filter((email) => email.to === to && email.channel === "email")
}

/** Every email the provider was handed in this test, oldest first. */
export const sentEmails = (container: MedusaContainer): SentEmail[] => {
  assertOutboxListens(container)
  return outbox.filter((email) => email.channel === "email")
}

/** The email notifications stored for a recipient (Notification Module), oldest first. */
export const storedEmailsTo = async (container: MedusaContainer, to: string) =>
  await container
    .resolve(Modules.NOTIFICATION)
    .listNotifications(
      { to, channel: "email" },
      { order: { created_at: "ASC" }, take: 100 }
    )

/**
 * Runs the action and waits until every subscriber of the event has run, so
 * the emails they send can be read right after.
 */
export const afterSubscribers = async <T>(
  container: MedusaContainer,
  eventName: string,
  action: () => Promise<T>
): Promise<T> => {
  const done = TestEventUtils.waitSubscribersExecution(
    eventName,
    container.resolve(Modules.EVENT_BUS)
  )
  const result = await action()
  await done
  return result
}

/**
 * For "no email was sent" checks: waits until the provider has been handed
 * no new notification for `quietMs`. The plugin answers some routes before
 * the work behind them (the forgot-password route, subscribers of the events
 * a request emits), so a check made right after the answer would pass before
 * that work had run.
 */
export const afterOutboxQuiet = async (
  container: MedusaContainer,
  quietMs = 1500
): Promise<void> => {
  assertOutboxListens(container)
  let seen = outbox.length
  let quietSince = Date.now()
  while (Date.now() - quietSince < quietMs) {
    await new Promise((resolve) => setTimeout(resolve, 50))
    if (outbox.length !== seen) {
      seen = outbox.length
      quietSince = Date.now()
    }
  }
}
