import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { EMAILPASS_PROVIDER } from "../../shared/utils/customer-login"

export type ScryptParams = { logN: number; r: number; p: number }

/** emailpass's own default when its `hashConfig` option is not set. */
const EMAILPASS_DEFAULT: ScryptParams = { logN: 15, r: 8, p: 1 }

type ModuleEntry = {
  key?: string
  resolve?: string
  options?: {
    providers?: {
      id?: string
      resolve?: string
      options?: { hashConfig?: ScryptParams }
    }[]
  }
}

const known = new WeakMap<object, ScryptParams>()

/**
 * The scrypt parameters the store's emailpass provider hashes with: its
 * `hashConfig` option in medusa-config (the auth module's providers), else
 * emailpass's default. A throwaway check must cost what a real one costs.
 */
export const emailpassHashConfig = (
  container: MedusaContainer
): ScryptParams => {
  const config = container.resolve(ContainerRegistrationKeys.CONFIG_MODULE)
  const cached = known.get(config)
  if (cached) {
    return cached
  }
  const modules = (config.modules ?? {}) as unknown
  const entries: ModuleEntry[] = Array.isArray(modules)
    ? (modules as ModuleEntry[])
    : Object.entries(modules as Record<string, unknown>).map(
        ([key, value]) => ({
          key,
          ...(typeof value === "object" && value ? value : {}),
        })
      )
  const auth = entries.find(
    (entry) =>
      entry.key === Modules.AUTH ||
      entry.resolve === "@medusajs/medusa/auth" ||
      entry.resolve === "@medusajs/auth"
  )
  const provider = auth?.options?.providers?.find(
    (candidate) =>
      candidate.id === EMAILPASS_PROVIDER ||
      candidate.resolve?.endsWith("auth-emailpass")
  )
  const params = provider?.options?.hashConfig ?? EMAILPASS_DEFAULT
  known.set(config, params)
  return params
}
