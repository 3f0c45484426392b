import type {
  AuthIdentityDTO,
  MedusaContainer,
} from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import {
  generateJwtTokenForAuthIdentity,
  generateJwtTokenWithChecks,
} from "@medusajs/medusa/api/auth/utils/generate-jwt-token"

/** In a token acting for a chosen account: the login's own customer. */
export const LOGIN_CUSTOMER_KEY = "login_customer_id"

/**
 * Core's customer token for a login, acting for the given account: the
 * same token `/auth/customer/emailpass` returns, with `actor_id` set to the
 * chosen customer (a B2B login may act for several).
 */
export const mintCustomerToken = async (
  scope: MedusaContainer,
  authIdentity: AuthIdentityDTO,
  customerId: string,
  authProvider: string,
  mfaChallenge?: unknown
): Promise<Record<string, unknown> & { token: string }> =>
  (await generateJwtTokenWithChecks(scope, {
    authIdentity: {
      ...authIdentity,
      app_metadata: {
        ...authIdentity.app_metadata,
        customer_id: customerId,
        // The login's own customer, whose row holds the login's state
        // (temporary password): the token gate reads it with the account's.
        [LOGIN_CUSTOMER_KEY]: authIdentity.app_metadata?.customer_id ?? null,
      },
    },
    mfaChallenge,
    actorType: "customer",
    authProvider,
  } as never)) as Record<string, unknown> & { token: string }

export const ACCOUNT_SELECTION_TTL = "10m"

/**
 * A short-lived token that proves the password was right but acts for no
 * account yet: it only serves `POST /store/credentials/select-account`.
 */
export const mintAccountSelectionToken = async (
  scope: MedusaContainer,
  authIdentity: AuthIdentityDTO,
  authProvider: string
): Promise<string> => {
  const { http } = scope.resolve(
    ContainerRegistrationKeys.CONFIG_MODULE
  ).projectConfig
  return generateJwtTokenForAuthIdentity(
    {
      authIdentity,
      actorType: "customer",
      authProvider,
      container: scope,
    } as never,
    {
      secret: http.jwtSecret,
      expiresIn: ACCOUNT_SELECTION_TTL,
      skipActorType: true,
      options: http.jwtOptions,
    } as never
  ) as unknown as Promise<string>
}
