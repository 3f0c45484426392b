import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"

/** The store's JWT secret and options, as core's auth routes read them. */
export const jwtConfigFrom = (scope: MedusaContainer) => {
  const { http } = scope.resolve(
    ContainerRegistrationKeys.CONFIG_MODULE
  ).projectConfig
  return {
    secret: http.jwtSecret as string,
    options: http.jwtOptions as Record<string, unknown> | undefined,
  }
}
