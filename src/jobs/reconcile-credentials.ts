import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import {
  reconcileCredentials,
  type ReconcileReport,
} from "../workflows/shared/utils/reconcile-credentials"

export const RECONCILE_LOCK_KEY = "customer-credentials:reconcile"

/**
 * Every hour, on a worker: what a server killed mid-flow left behind is
 * repaired where that is safe and reported otherwise
 * (`workflows/shared/utils/reconcile-credentials.ts`). One instance at a time
 * through the Locking Module (a shared provider in production); another
 * instance that finds the lock held skips its run, and a run is idempotent
 * anyway. The counts are logged; ids only of what needs a person.
 */
export default async function reconcileCredentialsJob(
  container: MedusaContainer
): Promise<ReconcileReport | { skipped: true }> {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  let report: ReconcileReport
  try {
    report = await container
      .resolve(Modules.LOCKING)
      .execute(RECONCILE_LOCK_KEY, () => reconcileCredentials(container), {
        timeout: 1,
        expire: 600,
      })
  } catch (error) {
    if (/timed?[- ]?out/i.test((error as Error)?.message ?? "")) {
      logger.info("Credentials reconciliation: another instance is running it")
      return { skipped: true }
    }
    throw error
  }
  const { unfinished_customer_ids, ...counts } = report
  logger.info(`Credentials reconciliation: ${JSON.stringify(counts)}`)
  if (unfinished_customer_ids.length) {
    logger.warn(
      `Credentials reconciliation: ${unfinished_customer_ids.length} registered customer(s) no login signs in to (a registration stopped halfway; registering again or the admin's generate finishes it): ${unfinished_customer_ids.slice(0, 50).join(", ")}`
    )
  }
  return report
}

export const config = {
  name: "reconcile-credentials",
  schedule: "41 * * * *",
}
