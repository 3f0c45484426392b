import { MedusaError, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { CREDENTIALS_MODULE } from "../../../modules/credentials"
import type CredentialsModuleService from "../../../modules/credentials/service"

export const removeCustomerReferenceStepId = "remove-customer-reference"

/**
 * Takes a person off an account. Their login stays while it has other
 * accounts: when this account was the login's own (core's
 * `app_metadata.customer_id`), the login moves to one of the others. Returns
 * the login to delete when it has no account left.
 */
export const removeCustomerReferenceStep = createStep(
  removeCustomerReferenceStepId,
  async (input: { id: string; customer_id: string }, { container }) => {
    const service =
      container.resolve<CredentialsModuleService>(CREDENTIALS_MODULE)
    const auth = container.resolve(Modules.AUTH)
    const [reference] = await service.listCustomerReferences(
      { id: input.id, customer_id: input.customer_id },
      { take: 1 }
    )
    if (!reference) {
      throw new MedusaError(
        MedusaError.Types.NOT_FOUND,
        `Reference ${input.id} of customer ${input.customer_id} was not found`
      )
    }
    const others = (
      await service.listCustomerReferences(
        { auth_identity_id: reference.auth_identity_id },
        { order: { created_at: "ASC" } }
      )
    ).filter((other) => other.id !== reference.id)
    const identity = await auth.retrieveAuthIdentity(
      reference.auth_identity_id,
      {
        select: ["id", "app_metadata"],
      }
    )
    const primary = identity.app_metadata?.customer_id as string | undefined

    let repointedFrom: string | undefined
    let deleteLogin: string | null = null
    if (primary === input.customer_id) {
      if (others.length) {
        await auth.updateAuthIdentities({
          id: identity.id,
          app_metadata: {
            ...identity.app_metadata,
            customer_id: others[0].customer_id,
          },
        })
        repointedFrom = primary
      } else {
        deleteLogin = identity.id
      }
    } else if (!primary && !others.length) {
      deleteLogin = identity.id
    }

    await service.deleteCustomerReferences([reference.id])
    return new StepResponse(
      {
        email: reference.email,
        auth_identity_id: reference.auth_identity_id,
        delete_login: deleteLogin,
      },
      {
        reference: {
          auth_identity_id: reference.auth_identity_id,
          customer_id: reference.customer_id,
          email: reference.email,
          display_name: reference.display_name,
          internet_user: reference.internet_user,
          permissions: reference.permissions as Record<string, boolean> | null,
        },
        identity_id: identity.id,
        repointed_from: repointedFrom,
        app_metadata: identity.app_metadata ?? {},
      }
    )
  },
  async (undo, { container }) => {
    if (!undo) {
      return
    }
    await container
      .resolve<CredentialsModuleService>(CREDENTIALS_MODULE)
      .createCustomerReferences(undo.reference)
    if (undo.repointed_from) {
      await container.resolve(Modules.AUTH).updateAuthIdentities({
        id: undo.identity_id,
        app_metadata: undo.app_metadata,
      })
    }
  }
)
