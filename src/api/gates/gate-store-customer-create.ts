import type {
  MedusaNextFunction,
  MedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import {
  ContainerRegistrationKeys,
  MedusaError,
  Modules,
} from "@medusajs/framework/utils"
import { z } from "@medusajs/framework/zod"
import { registerCustomerWorkflow } from "../../workflows/registration/register-customer"
import { EMAILPASS_PROVIDER } from "../../workflows/shared/utils/customer-login"
import { listSsoProviders } from "../../workflows/sso/utils/sso-provider"
import { readCustomerAuthContexts } from "./customer-auth-context"
import { isCustomerRegistration } from "./mark-customer-registration"
import { jwtConfigFrom } from "../utils/jwt-config"
import { describeIssues } from "../utils/validate-body"
import { refuse } from "../utils/refuse"

const name = z.string().trim().min(1).max(100)

/** Core's StoreCreateCustomer, as far as a registration uses it. */
export const StockCreateCustomer = z
  .object({
    email: z.string().trim().toLowerCase().pipe(z.email().max(320)).optional(),
    first_name: name.nullish(),
    last_name: name.nullish(),
    phone: z.string().trim().max(50).nullish(),
    company_name: z.string().trim().max(200).nullish(),
    metadata: z.record(z.string(), z.unknown()).nullish(),
    additional_data: z.record(z.string(), z.unknown()).optional(),
  })
  .strict()

/**
 * The customer as core's route answers it, without its id and timestamps:
 * the registrant of a guest's email must not learn that the guest exists,
 * nor when it was made (an id is a ULID, which carries its creation time).
 * A new email's answer has the same fields, so the two look alike.
 */
const CUSTOMER_FIELDS = [
  "email",
  "company_name",
  "first_name",
  "last_name",
  "phone",
  "metadata",
  "has_account",
] as const

const pick = (
  customer: Record<string, unknown>,
  fields: readonly string[]
): Record<string, unknown> =>
  Object.fromEntries(fields.map((field) => [field, customer[field] ?? null]))

/**
 * Core's `POST /store/customers` (`sdk.store.customer.create`) with a
 * customer token that has no customer yet makes a registered customer with
 * whatever email the body names. Here it goes through the plugin's
 * registration instead, with the same rules:
 * - only a password login made by the (gated) stock registration; a single
 *   sign-on token finishes with `POST /store/credentials/sso/complete`, and a
 *   login that has a customer already signs in;
 * - the customer's email is the login's email (the one it registered with);
 * - the store offers accounts; a guest with that email becomes the
 *   registered customer, keeping their orders; an email with an account
 *   answers 409; the email is confirmed by its link before sign-in.
 * Other requests (no token, a signed-in customer) go on to core.
 */
export const gateStoreCustomerCreate = async (
  req: MedusaRequest,
  res: MedusaResponse,
  next: MedusaNextFunction
) => {
  const { session, bearer } = readCustomerAuthContexts(req)
  const context = session ?? bearer
  if (!context?.auth_identity_id || context.actor_id || context.purpose) {
    return next()
  }
  const provider = context.auth_provider ?? EMAILPASS_PROVIDER
  if (provider !== EMAILPASS_PROVIDER) {
    return refuse(res, {
      status: 403,
      code: "sso_complete_required",
      message: (await listSsoProviders(req.scope)).some(
        (candidate) => candidate.id === provider
      )
        ? "Finish single sign-on with POST /store/credentials/sso/complete."
        : `Sign-in with "${provider}" cannot create a customer account.`,
    })
  }
  const identity = await req.scope
    .resolve(Modules.AUTH)
    .retrieveAuthIdentity(context.auth_identity_id, {
      relations: ["provider_identities"],
    })
  const loginEmail = identity.provider_identities?.find(
    (candidate) => candidate.provider === EMAILPASS_PROVIDER
  )?.entity_id
  if (identity.app_metadata?.customer_id || !loginEmail) {
    return refuse(res, {
      status: 403,
      code: "account_exists",
      message:
        "This login has a customer account already: sign in with POST /store/credentials/login.",
    })
  }

  if (!isCustomerRegistration(identity.app_metadata)) {
    return refuse(res, {
      status: 403,
      code: "registration_required",
      message:
        "This login was not made by customer registration: register with POST /store/credentials/register.",
    })
  }
  const parsed = StockCreateCustomer.safeParse(req.body ?? {})
  if (!parsed.success) {
    return next(
      new MedusaError(
        MedusaError.Types.INVALID_DATA,
        `Invalid request body: ${describeIssues(parsed.error)}`
      )
    )
  }
  const body = parsed.data
  if (body.email && body.email !== loginEmail.toLowerCase()) {
    return refuse(res, {
      status: 400,
      code: "email_mismatch",
      message: `The account's email must be the one you registered with (${loginEmail}).`,
    })
  }

  try {
    const { result } = await registerCustomerWorkflow(req.scope).run({
      input: {
        auth_identity_id: identity.id,
        email: loginEmail,
        first_name: body.first_name ?? null,
        last_name: body.last_name ?? null,
        phone: body.phone ?? null,
        company_name: body.company_name ?? null,
        jwt: jwtConfigFrom(req.scope),
      },
    })
    if (result.from_guest) {
      // A guest's record became the account, but the registrant has not
      // proven the email (its owner got the activation link): they are told
      // what they sent, never what the store knew of that person.
      res.status(200).json({
        customer: {
          email: loginEmail,
          company_name: body.company_name ?? null,
          first_name: body.first_name ?? null,
          last_name: body.last_name ?? null,
          phone: body.phone ?? null,
          metadata: null,
          has_account: true,
        },
      })
      return
    }
    const { data } = await req.scope
      .resolve(ContainerRegistrationKeys.QUERY)
      .graph({
        entity: "customer",
        fields: [...CUSTOMER_FIELDS],
        filters: { id: result.customer_id },
      })
    res.status(200).json({ customer: pick(data[0], CUSTOMER_FIELDS) })
  } catch (error) {
    const type = (error as MedusaError)?.type
    if (type === MedusaError.Types.DUPLICATE_ERROR) {
      return refuse(res, {
        status: 409,
        code: "account_exists",
        message: (error as MedusaError).message,
      })
    }
    if (type === MedusaError.Types.FORBIDDEN) {
      return refuse(res, {
        status: 403,
        code: "accounts_disabled",
        message: (error as MedusaError).message,
      })
    }
    throw error
  }
}
