import type {
  MedusaNextFunction,
  MedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import type { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { CREDENTIALS_MODULE } from "../../modules/credentials"
import type CredentialsModuleService from "../../modules/credentials/service"
import { EMAILPASS_PROVIDER } from "../../workflows/utils/customer-login"
import { spendPasswordCheck } from "../utils/sign-in/dummy-password-check"
import { emailpassHashConfig } from "../utils/sign-in/emailpass-hash-config"
import { INVALID_CREDENTIALS } from "./login-gates"
import { refuse } from "./refuse"

/**
 * An emailpass login is one per email, shared by every actor type: the
 * password a customer signs in with also answers `/auth/user/emailpass`
 * (or any other actor type), where none of the customer's gates, locks or
 * limits run. Is this email a customer's login that is not also this
 * actor's?
 */
const isCustomerLoginOnly = async (
  scope: MedusaContainer,
  email: string,
  actorType: string
): Promise<boolean> => {
  const [providerIdentity] = await scope
    .resolve(Modules.AUTH)
    .listProviderIdentities(
      { provider: EMAILPASS_PROVIDER, entity_id: email },
      {
        select: ["id", "auth_identity.id", "auth_identity.app_metadata"],
        relations: ["auth_identity"],
      }
    )
  const appMetadata = providerIdentity?.auth_identity?.app_metadata ?? {}
  if (!providerIdentity || appMetadata[`${actorType}_id`]) {
    return false
  }
  if (appMetadata.customer_id) {
    return true
  }
  const [reference] = await scope
    .resolve<CredentialsModuleService>(CREDENTIALS_MODULE)
    .listCustomerReferences(
      { auth_identity_id: providerIdentity.auth_identity!.id },
      { take: 1, select: ["id"] }
    )
  return !!reference
}

const stringField = (body: unknown, field: string) => {
  const value = (body as Record<string, unknown> | undefined)?.[field]
  return typeof value === "string" ? value : undefined
}

/**
 * `/auth/{other actor}/emailpass` with a customer's email: answered as a
 * wrong password, after the same scrypt work, so it is neither a way in nor
 * an oracle for guessing a customer's password past the customer's lock.
 */
export const guardCustomerLoginSignIn =
  (actorType: string) =>
  async (req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) => {
    const email = stringField(req.body, "email")
    if (!email || !(await isCustomerLoginOnly(req.scope, email, actorType))) {
      return next()
    }
    await spendPasswordCheck(
      stringField(req.body, "password") ?? "",
      emailpassHashConfig(req.scope)
    )
    refuse(res, {
      status: 401,
      code: "invalid_credentials",
      message: INVALID_CREDENTIALS,
    })
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
      !(await isCustomerLoginOnly(req.scope, identifier, actorType))
    ) {
      return next()
    }
    res.sendStatus(201)
  }
