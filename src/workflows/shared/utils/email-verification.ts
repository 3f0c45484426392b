import type {
  IAuthModuleService,
  MedusaContainer,
} from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"

/**
 * Core's verification record for a login's email (auth module,
 * `auth_verification`, entity_type "email"): the same record the storefront's
 * confirmation link (`POST /auth/verification/confirm`) marks verified.
 */
export const EMAIL_ENTITY_TYPE = "email"
export const TOKEN_CODE_PROVIDER = "token"

export const findEmailVerification = async (
  container: MedusaContainer,
  authIdentityId: string,
  email: string
) => {
  const auth = container.resolve(Modules.AUTH)
  const [verification] = await auth.listAuthVerifications(
    {
      auth_identity_id: authIdentityId,
      entity_id: email,
      entity_type: EMAIL_ENTITY_TYPE,
    },
    { take: 1 }
  )
  return verification ?? null
}

type AuthVerificationWrite = {
  id?: string
  auth_identity_id?: string
  entity_id?: string
  entity_type?: string
  code_provider?: string
  requested_at?: Date
  verified_at?: Date | null
  metadata?: Record<string, unknown> | null
}

/**
 * The auth module's generated writes for `auth_verification`. They exist at
 * run time (the module is a MedusaService over AuthVerification) but its
 * public interface only types the reads and the request/confirm flow, which
 * cannot set a record back to unverified.
 */
export type AuthVerificationWrites = {
  createAuthVerifications(data: AuthVerificationWrite): Promise<{ id: string }>
  updateAuthVerifications(data: AuthVerificationWrite): Promise<unknown>
  deleteAuthVerifications(ids: string[]): Promise<void>
}

export const authVerificationWrites = (container: MedusaContainer) =>
  container.resolve(Modules.AUTH) as IAuthModuleService & AuthVerificationWrites
