import type {
  MedusaNextFunction,
  MedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import type { MedusaContainer } from "@medusajs/framework/types"
import { MedusaError, Modules } from "@medusajs/framework/utils"
import { CREDENTIALS_MODULE } from "../../modules/credentials"
import type CredentialsModuleService from "../../modules/credentials/service"
import { EMAILPASS_PROVIDER } from "../../workflows/shared/utils/customer-login"
import { spendPasswordCheck } from "../../workflows/sign-in/utils/dummy-password-check"
import { emailpassHashConfig } from "../../workflows/sign-in/utils/emailpass-hash-config"
import { INVALID_CREDENTIALS } from "../../messages"

type LoginOfEmail =
  /** No emailpass login has this email. */
  | "none"
  /** A customer's login (its own customer, or B2B references) that is not also this actor's. */
  | "customer"
  /** A login without a password: emailpass refuses it before any scrypt work. */
  | "no-password"
  /** Any other login: core's emailpass checks its password. */
  | "other"

/**
 * An emailpass login is one per email, shared by every actor type: the
 * password a customer signs in with also answers `/auth/user/emailpass`
 * (or any other actor type), where none of the customer's gates, locks or
 * limits run. Whose login, if any, is this email for this actor?
 */
const loginOfEmail = async (
  scope: MedusaContainer,
  email: string,
  actorType: string
): Promise<LoginOfEmail> => {
  const [providerIdentity] = await scope
    .resolve(Modules.AUTH)
    .listProviderIdentities(
      { provider: EMAILPASS_PROVIDER, entity_id: email },
      {
        select: [
          "id",
          "provider_metadata",
          "auth_identity.id",
          "auth_identity.app_metadata",
        ],
        relations: ["auth_identity"],
      }
    )
  if (!providerIdentity) {
    return "none"
  }
  const hasPassword =
    typeof providerIdentity.provider_metadata?.password === "string"
  const appMetadata = providerIdentity.auth_identity?.app_metadata ?? {}
  if (appMetadata[`${actorType}_id`]) {
    return hasPassword ? "other" : "no-password"
  }
  if (appMetadata.customer_id) {
    return "customer"
  }
  const [reference] = await scope
    .resolve<CredentialsModuleService>(CREDENTIALS_MODULE)
    .listCustomerReferences(
      { auth_identity_id: providerIdentity.auth_identity!.id },
      { take: 1, select: ["id"] }
    )
  if (reference) {
    return "customer"
  }
  return hasPassword ? "other" : "no-password"
}

const stringField = (body: unknown, field: string) => {
  const value = (body as Record<string, unknown> | undefined)?.[field]
  return typeof value === "string" ? value : undefined
}

/**
 * `/auth/{other actor}/emailpass` with a customer's email: answered as a
 * wrong password, after the same scrypt work, so it is neither a way in nor
 * an oracle for guessing a customer's password past the customer's lock.
 * Core's emailpass answers an email without a login (or a login without a
 * password) at once and spends one scrypt derivation on any other: the same
 * derivation is spent here first, so the time of the answer does not tell
 * whether the email has a login. (The route is also under a per-IP limit,
 * `gate-auth-routes.ts`.)
 */
export const guardCustomerLoginSignIn =
  (actorType: string) =>
  async (req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) => {
    const email = stringField(req.body, "email")
    const password = stringField(req.body, "password")
    if (!email || password === undefined) {
      return next() // core answers a body without them at once, for any email
    }
    const login = await loginOfEmail(req.scope, email, actorType)
    if (login === "other") {
      return next()
    }
    await spendPasswordCheck(password, emailpassHashConfig(req.scope))
    if (login !== "customer") {
      return next()
    }
    // Core's own answer to a wrong password, through core's error handler:
    // the same status, body and headers as for any other email.
    next(new MedusaError(MedusaError.Types.UNAUTHORIZED, INVALID_CREDENTIALS))
  }

/**
 * `/auth/{other actor}/emailpass/reset-password` for a customer's email
 * answers as core does (201) and issues nothing: a customer's password is
 * reset through the customer routes, under the customer's rules.
 */
export const guardCustomerLoginReset =
  (actorType: string) =>
  async (req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) => {
    const identifier = stringField(req.body, "identifier")
    if (
      !identifier ||
      (await loginOfEmail(req.scope, identifier, actorType)) !== "customer"
    ) {
      return next()
    }
    res.sendStatus(201)
  }
