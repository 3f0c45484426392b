import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { CREDENTIALS_MODULE } from "../../../modules/credentials"
import type CredentialsModuleService from "../../../modules/credentials/service"
import type {
  CredentialActorType,
  CredentialEventAction,
} from "../../../modules/credentials/types"

export type CredentialActor = {
  type: CredentialActorType
  id?: string | null
}

export type RecordCredentialEventInput = {
  customer_id: string
  action: CredentialEventAction
  actor: CredentialActor
  /** Facts only (never a password, hash or token). */
  metadata?: Record<string, unknown> | null
}

export const recordCredentialEventsStepId = "record-credential-events"

/** Appends to the audit trail; compensation removes what it appended. */
export const recordCredentialEventsStep = createStep(
  recordCredentialEventsStepId,
  async (input: RecordCredentialEventInput[], { container }) => {
    if (!input.length) {
      return new StepResponse([], [])
    }
    const service =
      container.resolve<CredentialsModuleService>(CREDENTIALS_MODULE)
    const events = await service.createCredentialEvents(
      input.map((event) => ({
        customer_id: event.customer_id,
        action: event.action,
        actor_type: event.actor.type,
        actor_id: event.actor.id ?? null,
        metadata: event.metadata ?? null,
      }))
    )
    const ids = events.map((event) => event.id)
    return new StepResponse(ids, ids)
  },
  async (ids, { container }) => {
    if (!ids?.length) {
      return
    }
    const service =
      container.resolve<CredentialsModuleService>(CREDENTIALS_MODULE)
    await service.deleteCredentialEvents(ids)
  }
)
