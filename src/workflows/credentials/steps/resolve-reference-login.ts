import {
  ContainerRegistrationKeys,
  MedusaError,
  Modules,
} from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { CREDENTIALS_MODULE } from "../../../modules/credentials"
import type CredentialsModuleService from "../../../modules/credentials/service"
import { findLoginEmail } from "../../shared/utils/customer-login"
import type { CustomerForLogin } from "../../shared/steps/validate-customer-email"

export type ReferenceLoginSubject = {
  reference_id: string
  /** The account the reference belongs to (where the admin acts). */
  account_id: string
  /**
   * The login as the credential workflows know a customer's login: the
   * login's email, and the customer whose credential row keeps its sign-in
   * state (core's `app_metadata.customer_id`, docs/b2b.md's known limit).
   */
  customer: CustomerForLogin
}

export const resolveReferenceLoginStepId = "resolve-reference-login"

/**
 * B2B: the login of a customer account's reference, so that the customer
 * page's credential workflows (enter a password, generate and send, reset
 * link, activation) act on that person's login instead of the account's
 * own. Without a reference id it returns null and the workflow acts on the
 * customer as before. Reads only.
 */
export const resolveReferenceLoginStep = createStep(
  resolveReferenceLoginStepId,
  async (
    input: { customer_id: string; reference_id?: string | null },
    { container }
  ) => {
    if (!input.reference_id) {
      return new StepResponse<ReferenceLoginSubject | null>(null)
    }
    const [reference] = await container
      .resolve<CredentialsModuleService>(CREDENTIALS_MODULE)
      .listCustomerReferences(
        { id: input.reference_id, customer_id: input.customer_id },
        { take: 1 }
      )
    if (!reference) {
      throw new MedusaError(
        MedusaError.Types.NOT_FOUND,
        `Reference ${input.reference_id} of customer ${input.customer_id} was not found`
      )
    }
    const email = await findLoginEmail(container, reference.auth_identity_id)
    if (!email) {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        `The login of ${reference.email} has no email and password sign-in (single sign-on only): there is no password to manage.`
      )
    }
    const identity = await container
      .resolve(Modules.AUTH)
      .retrieveAuthIdentity(reference.auth_identity_id, {
        select: ["id", "app_metadata"],
      })
    const ownCustomerId =
      (identity.app_metadata?.customer_id as string | undefined) ??
      reference.customer_id
    const { data } = await container
      .resolve(ContainerRegistrationKeys.QUERY)
      .graph({
        entity: "customer",
        fields: ["id", "email", "first_name", "last_name"],
        filters: { id: ownCustomerId },
      })
    const own = data[0]
    // The person's name when the login is their own customer's; else the
    // reference's display name (the account's name is a company's).
    const isOwnEmail = own?.email === email
    return new StepResponse<ReferenceLoginSubject | null>({
      reference_id: reference.id,
      account_id: reference.customer_id,
      customer: {
        id: ownCustomerId,
        email,
        // The login exists: nothing to record on the customer row.
        has_account: true,
        first_name: isOwnEmail
          ? (own?.first_name ?? null)
          : (reference.display_name ?? null),
        last_name: isOwnEmail ? (own?.last_name ?? null) : null,
      },
    })
  }
)
