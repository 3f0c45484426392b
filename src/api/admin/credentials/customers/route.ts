import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import {
  ContainerRegistrationKeys,
  MedusaError,
  Modules,
} from "@medusajs/framework/utils"
import { createCustomerWithLoginWorkflow } from "../../../../workflows/credentials/create-customer-with-login"
import {
  EMAIL_LOGIN_TAKEN_MESSAGE,
  GUEST_CUSTOMER_EXISTS_MESSAGE,
  REGISTERED_CUSTOMER_EXISTS_MESSAGE,
} from "../../../../workflows/credentials/steps/validate-admin-new-customer"
import { anyCase } from "../../../../workflows/shared/utils/registration-logins"
import { jwtConfigFrom } from "../../../utils/jwt-config"
import { readCustomerCredentials } from "../../../utils/read-customer-credentials"
import { refuse } from "../../../utils/refuse"
import type { AdminCreateCustomerWithLoginType } from "./validators"

const CONFLICT_CODES: Record<string, string> = {
  [REGISTERED_CUSTOMER_EXISTS_MESSAGE]: "customer_has_login",
  [GUEST_CUSTOMER_EXISTS_MESSAGE]: "guest_customer_exists",
  [EMAIL_LOGIN_TAKEN_MESSAGE]: "email_login_taken",
}

/**
 * "Create customer with login": the customer and its login (generated and
 * sent, entered, or an activation email) in one workflow; nothing is left
 * behind when a part fails. 409 when the email names a customer already,
 * with that customer's id so the admin can open its page.
 */
export const POST = async (
  req: AuthenticatedMedusaRequest<AdminCreateCustomerWithLoginType>,
  res: MedusaResponse
) => {
  const { login, ...customer } = req.validatedBody
  let customerId: string
  try {
    const { result } = await createCustomerWithLoginWorkflow(req.scope).run({
      input: {
        customer,
        login,
        actor: { type: "user", id: req.auth_context.actor_id },
        jwt: jwtConfigFrom(req.scope),
      },
    })
    customerId = result.customer_id
  } catch (error) {
    const code = MedusaError.isMedusaError(error)
      ? CONFLICT_CODES[(error as MedusaError).message]
      : undefined
    if (!code) {
      throw error
    }
    const [existing] = await req.scope
      .resolve(Modules.CUSTOMER)
      .listCustomers(
        { email: anyCase(customer.email) },
        { select: ["id"], order: { has_account: "DESC" }, take: 1 }
      )
    return refuse(res, {
      status: 409,
      code,
      message: (error as MedusaError).message,
      details: { customer_id: existing?.id ?? null },
    })
  }

  const { data } = await req.scope
    .resolve(ContainerRegistrationKeys.QUERY)
    .graph({
      entity: "customer",
      fields: [
        "id",
        "email",
        "first_name",
        "last_name",
        "company_name",
        "phone",
        "has_account",
      ],
      filters: { id: customerId },
    })
  res.status(201).json({
    customer: data[0],
    credentials: await readCustomerCredentials(req.scope, customerId),
  })
}
