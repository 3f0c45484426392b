import type { CreateAuthIdentityDTO } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { deleteLogins } from "../../shared/utils/login-sessions"

export const removeOrphanLoginsStepId = "remove-orphan-logins"

/**
 * Removes logins that act for nobody and whose password nobody proved
 * (`isUnprovenOrphanLogin`), so the registrant's own login can be made for
 * the email. Removing the login ends its sessions: a token of an identity
 * that no longer exists is refused wherever it is presented, and core's
 * invite acceptance cannot give the removed identity an admin later.
 * Compensation puts the logins back (identity, app_metadata and password
 * login; the verification codes and MFA factors they had stay removed).
 */
export const removeOrphanLoginsStep = createStep(
  removeOrphanLoginsStepId,
  async (logins: { auth_identity_id: string }[], { container }) => {
    const ids = [...new Set((logins ?? []).map((l) => l.auth_identity_id))]
    if (!ids.length) {
      return new StepResponse(void 0, null)
    }
    const auth = container.resolve(Modules.AUTH)
    const identities = await auth.listAuthIdentities(
      { id: ids },
      { relations: ["provider_identities"] }
    )
    await deleteLogins(
      container,
      identities.map((identity) => identity.id)
    )
    return new StepResponse(
      void 0,
      identities.map((identity): CreateAuthIdentityDTO => ({
        id: identity.id,
        app_metadata: identity.app_metadata ?? undefined,
        provider_identities: (identity.provider_identities ?? []).map((pi) => ({
          id: pi.id,
          provider: pi.provider,
          entity_id: pi.entity_id,
          provider_metadata: pi.provider_metadata ?? undefined,
          user_metadata: pi.user_metadata ?? undefined,
        })),
      }))
    )
  },
  async (removed, { container }) => {
    if (!removed?.length) {
      return
    }
    await container.resolve(Modules.AUTH).createAuthIdentities(removed)
  }
)
