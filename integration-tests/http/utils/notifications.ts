import type { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { TestEventUtils } from "@medusajs/test-utils"

/** The email notifications created for a recipient, oldest first. */
export const emailsTo = async (container: MedusaContainer, to: string) => {
  const notifications = await container
    .resolve(Modules.NOTIFICATION)
    .listNotifications(
      { to, channel: "email" },
      { order: { created_at: "ASC" }, take: 100 }
    )
  return notifications
}

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
