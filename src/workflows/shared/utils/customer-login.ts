import type { MedusaContainer } from "@medusajs/framework/types"
import { MedusaError, Modules } from "@medusajs/framework/utils"
import { CREDENTIALS_MODULE } from "../../../modules/credentials"
import type CredentialsModuleService from "../../../modules/credentials/service"

export const EMAILPASS_PROVIDER = "emailpass"

/** A customer's password login: Medusa's emailpass identity for an email. */
export type EmailpassLogin = {
  auth_identity_id: string
  provider_identity_id: string
  email: string
  /** The customer the identity signs in as (`app_metadata.customer_id`). */
  customer_id: string | null
}

export const findEmailpassLogin = async (
  container: MedusaContainer,
  email: string
): Promise<EmailpassLogin | null> => {
  const auth = container.resolve(Modules.AUTH)
  const [providerIdentity] = await auth.listProviderIdentities(
    { provider: EMAILPASS_PROVIDER, entity_id: email },
    { select: ["id", "auth_identity_id", "entity_id"] }
  )
  if (!providerIdentity) {
    return null
  }
  const identity = await auth.retrieveAuthIdentity(
    providerIdentity.auth_identity_id!,
    { select: ["id", "app_metadata"] }
  )
  return {
    auth_identity_id: identity.id,
    provider_identity_id: providerIdentity.id,
    email,
    customer_id: (identity.app_metadata?.customer_id as string) ?? null,
  }
}

/**
 * The email of the password login a shopper's typed email names: the login
 * of the email as typed, else of the email in lower case (a registration
 * keeps emails in lower case; a keyboard may capitalise them), as the
 * sign-in's read finds it (`resolve-sign-in-target.ts`). The typed email
 * when there is neither.
 */
export const loginEmailOfTyped = async (
  container: MedusaContainer,
  typed: string
): Promise<string> => {
  const lower = typed.toLowerCase()
  if (lower === typed) {
    return typed
  }
  const found = await container.resolve(Modules.AUTH).listProviderIdentities(
    // An array is an IN filter; the filter's type only names one value.
    { provider: EMAILPASS_PROVIDER, entity_id: [typed, lower] as never },
    { select: ["entity_id"] }
  )
  return (
    found.find((identity) => identity.entity_id === typed)?.entity_id ??
    found[0]?.entity_id ??
    typed
  )
}

/**
 * The customer's own login, or null when the email has none. Refuses when
 * the email already signs in as another customer: setting a password here
 * would change someone else's.
 */
export const findOwnEmailpassLogin = async (
  container: MedusaContainer,
  customer: { id: string; email: string }
): Promise<EmailpassLogin | null> => {
  const login = await findEmailpassLogin(container, customer.email)
  if (
    login?.customer_id &&
    login.customer_id !== customer.id &&
    !(await isReferenceOf(container, login.auth_identity_id, customer.id))
  ) {
    throw new MedusaError(
      MedusaError.Types.DUPLICATE_ERROR,
      `The email ${customer.email} already signs in to another customer account (${login.customer_id}). Manage the login on that account instead.`
    )
  }
  return login
}

/** The customer's email, required for a password login. */
export const requireCustomerEmail = (customer: {
  id: string
  email?: string | null
}): string => {
  if (!customer.email) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `Customer ${customer.id} has no email address: add one before giving them a login.`
    )
  }
  return customer.email
}

/** B2B: does this login act for the customer through a reference? */
export const isReferenceOf = async (
  container: MedusaContainer,
  authIdentityId: string,
  customerId: string
): Promise<boolean> => {
  const [reference] = await container
    .resolve<CredentialsModuleService>(CREDENTIALS_MODULE)
    .listCustomerReferences(
      { auth_identity_id: authIdentityId, customer_id: customerId },
      { take: 1, select: ["id"] }
    )
  return !!reference
}

/** The email of a login (its emailpass identity), from its auth identity id. */
export const findLoginEmail = async (
  container: MedusaContainer,
  authIdentityId: string
): Promise<string | null> => {
  const [providerIdentity] = await container
    .resolve(Modules.AUTH)
    .listProviderIdentities(
      { auth_identity_id: authIdentityId, provider: EMAILPASS_PROVIDER },
      { select: ["entity_id"], take: 1 }
    )
  return providerIdentity?.entity_id ?? null
}
