import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { releaseDeletedCustomersLoginsWorkflow } from "../workflows/release-deleted-customers-logins"

/**
 * A deleted customer's logins sign in no more: their sessions end at once
 * on every server instance, and a login left acting for nobody is deleted.
 */
export default async function customerDeletedHandler({
  event: { data },
  container,
}: SubscriberArgs<{ id: string } | { id: string }[]>) {
  const ids = (Array.isArray(data) ? data : [data]).map((entry) => entry.id)
  await releaseDeletedCustomersLoginsWorkflow(container).run({
    input: { customer_ids: ids },
  })
}

export const config: SubscriberConfig = {
  event: "customer.deleted",
}
