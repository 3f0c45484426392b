import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { CREDENTIALS_MODULE } from "../../../modules/credentials"
import type CredentialsModuleService from "../../../modules/credentials/service"
import type { SignInWith } from "../../../modules/credentials/sign-in-identifiers"

export type CustomerCredentialChanges = {
  login_enabled?: boolean
  email_confirmed?: boolean
  registered_at?: Date | null
  customer_number?: string | null
  must_change_password?: boolean
  temporary_password_expires_at?: Date | null
  last_password_change_at?: Date | null
  last_login_at?: Date | null
  failed_login_count?: number
  last_failed_login_at?: Date | null
  locked_until?: Date | null
  sign_in_with?: SignInWith
}

export type UpdateCustomerCredentialStepInput = {
  id: string
  changes: CustomerCredentialChanges
}

export const updateCustomerCredentialStepId = "update-customer-credential"

/**
 * Updates one credential row. Compensation writes back the previous values
 * of exactly the fields it changed.
 */
export const updateCustomerCredentialStep = createStep(
  updateCustomerCredentialStepId,
  async (input: UpdateCustomerCredentialStepInput, { container }) => {
    const service =
      container.resolve<CredentialsModuleService>(CREDENTIALS_MODULE)
    const fields = Object.keys(
      input.changes
    ) as (keyof CustomerCredentialChanges)[]

    const before = await service.retrieveCustomerCredential(input.id, {
      select: ["id", ...fields],
    })
    const previous = Object.fromEntries(
      fields.map((field) => [field, before[field]])
    ) as CustomerCredentialChanges

    const updated = await service.updateCustomerCredentials({
      id: input.id,
      ...input.changes,
    })
    return new StepResponse(updated, { id: input.id, previous })
  },
  async (undo, { container }) => {
    if (!undo) {
      return
    }
    const service =
      container.resolve<CredentialsModuleService>(CREDENTIALS_MODULE)
    await service.updateCustomerCredentials({ id: undo.id, ...undo.previous })
  }
)
