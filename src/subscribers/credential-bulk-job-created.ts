import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { CredentialsEvents } from "../modules/credentials/events"
import { runCredentialBulkJob } from "../workflows/bulk/utils/run-credential-bulk-job"

/** Runs an admin bulk onboarding job in the background, batch by batch. */
export default async function credentialBulkJobCreatedHandler({
  event,
  container,
}: SubscriberArgs<{ id: string }>) {
  try {
    await runCredentialBulkJob(container, event.data.id)
  } catch (error) {
    container
      .resolve(ContainerRegistrationKeys.LOGGER)
      .error(
        `Credential bulk job ${event.data.id} could not run: ${(error as Error).message}`
      )
  }
}

export const config: SubscriberConfig = {
  event: CredentialsEvents.BULK_JOB_CREATED,
}
