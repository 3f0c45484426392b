import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { CREDENTIALS_MODULE } from "../../../modules/credentials"
import type CredentialsModuleService from "../../../modules/credentials/service"
import type {
  AppliedCredentialChange,
  CredentialChangeColumn,
  CredentialRowChanges,
} from "../../../modules/credentials/repositories/credential-statements"
import type { RecordCredentialEventInput } from "../../shared/steps/record-credential-event"
import type { CustomerCredentialChanges } from "../../shared/steps/update-customer-credential"

export type ApplyCredentialChangeStepInput = {
  customer_id: string
  /** Fixed values for columns of the customer's credential row. */
  changes?: CredentialRowChanges
  /** Columns set to the time the step runs. */
  set_to_now?: CredentialChangeColumn[]
  /** Columns set to the time the step runs only where they have no value. */
  set_to_now_if_missing?: CredentialChangeColumn[]
  /** The audit row for the change (facts only: never a password or token). */
  event: Omit<RecordCredentialEventInput, "customer_id">
}

export const applyCredentialChangeStepId = "apply-credential-change"

/**
 * Changes a customer's login state and records it in the audit trail, in one
 * statement: the row is created with the defaults when the customer has none.
 * For the hot paths (registration, activation) that would otherwise ensure,
 * read, update and append in four round trips. Compensation removes the
 * audit row and the row it created, or writes back the columns it changed.
 */
export const applyCredentialChangeStep = createStep(
  applyCredentialChangeStepId,
  async (input: ApplyCredentialChangeStepInput, { container }) => {
    const service =
      container.resolve<CredentialsModuleService>(CREDENTIALS_MODULE)
    const now = new Date()
    const changes: CredentialRowChanges = { ...input.changes }
    const stamped = [
      ...(input.set_to_now ?? []),
      ...(input.set_to_now_if_missing ?? []),
    ]
    for (const column of stamped) {
      changes[column] = now
    }
    const applied = await service.applyCredentialChange(
      {
        customerId: input.customer_id,
        changes,
        keepExisting: input.set_to_now_if_missing,
        event: {
          action: input.event.action,
          actor_type: input.event.actor.type,
          actor_id: input.event.actor.id ?? null,
          metadata: input.event.metadata ?? null,
        },
      },
      now
    )
    return new StepResponse(applied, applied)
  },
  async (applied: AppliedCredentialChange | undefined, { container }) => {
    if (!applied) {
      return
    }
    const service =
      container.resolve<CredentialsModuleService>(CREDENTIALS_MODULE)
    await service.deleteCredentialEvents([applied.event_id])
    if (applied.created) {
      await service.deleteCustomerCredentials([applied.credential_id])
    } else if (applied.previous) {
      await service.updateCustomerCredentials({
        id: applied.credential_id,
        ...(applied.previous as CustomerCredentialChanges),
      })
    }
  }
)
