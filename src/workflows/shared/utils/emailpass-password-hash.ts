import type { IAuthModuleService } from "@medusajs/framework/types"
import { MedusaError } from "@medusajs/framework/utils"
import { EMAILPASS_PROVIDER } from "./customer-login"

/** What core's emailpass provider exposes for hashing (`EmailPassAuthService`). */
type EmailpassHashing = { hashPassword(password: string): Promise<string> }

/**
 * Core's emailpass provider's own `hashPassword` (scrypt-kdf with the
 * store's `hashConfig`, stored as emailpass stores it), for a bulk flow that
 * writes many logins' passwords in one call instead of one
 * `register`/`updateProvider` each (two transactions and four statements a
 * customer besides the derivation).
 *
 * The provider is the one the auth module registered (`au_emailpass` in the
 * module's container, core's `AuthProviderRegistrationPrefix`): the same
 * instance and options `authModule.register` uses, so a hash made here is the
 * hash core would make. When it cannot be found (a Medusa version that keeps
 * providers elsewhere), this throws: a bulk batch that fails is retried one
 * customer at a time with the single-customer workflow, through the auth
 * module's public methods.
 */
export const emailpassPasswordHash = (
  auth: IAuthModuleService
): ((password: string) => Promise<string>) => {
  const moduleContainer = (auth as unknown as { __container__?: unknown })
    .__container__ as Record<string, unknown> | undefined
  let provider: Partial<EmailpassHashing> | undefined
  try {
    provider = moduleContainer?.[`au_${EMAILPASS_PROVIDER}`] as
      Partial<EmailpassHashing> | undefined
  } catch {
    provider = undefined
  }
  if (typeof provider?.hashPassword !== "function") {
    throw new MedusaError(
      MedusaError.Types.UNEXPECTED_STATE,
      "Core's emailpass provider is not registered in the auth module"
    )
  }
  return (password) =>
    (provider as EmailpassHashing).hashPassword.call(provider, password)
}
