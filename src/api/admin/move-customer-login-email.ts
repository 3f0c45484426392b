import type {
  AuthenticatedMedusaRequest,
  MedusaNextFunction,
  MedusaResponse,
} from "@medusajs/framework/http"
import type { UpdateCustomersWorkflowInput } from "@medusajs/medusa/core-flows"
import {
  ContainerRegistrationKeys,
  MedusaError,
  Modules,
} from "@medusajs/framework/utils"
import { changeCustomerLoginEmailWorkflow } from "../../workflows/credentials/change-customer-login-email"
import { LOGIN_EMAIL_TAKEN_MESSAGE } from "../../workflows/credentials/steps/validate-login-email-change"
import { findOwnEmailLogin } from "../../workflows/credentials/utils/customer-logins"
import { refuse } from "../utils/refuse"

type AdminUpdateCustomerBody = UpdateCustomersWorkflowInput["update"] & {
  additional_data?: UpdateCustomersWorkflowInput["additional_data"]
}

/**
 * Around core's `POST /admin/customers/:id` (the admin's Edit customer):
 * when the update changes the email of a customer who signs in with it,
 * the plugin runs the update itself, in a workflow that runs core's
 * `updateCustomersWorkflow` and moves the customer's own password login to
 * the new email (`changeCustomerLoginEmailWorkflow`), and answers as core's
 * handler does. Any other update (no email, the same email, a customer
 * without a login, an unknown customer) is core's alone.
 *
 * Registered after core's middlewares for the route, so the body and the
 * fields have been validated by core's own validators.
 */
export const moveCustomerLoginEmail = async (
  req: AuthenticatedMedusaRequest,
  res: MedusaResponse,
  next: MedusaNextFunction
) => {
  const body = req.validatedBody as AdminUpdateCustomerBody | undefined
  if (!body || body.email === undefined) {
    return next()
  }
  const [customer] = await req.scope
    .resolve(Modules.CUSTOMER)
    .listCustomers({ id: req.params.id }, { select: ["id", "email"], take: 1 })
  const login = customer ? await findOwnEmailLogin(req.scope, customer) : null
  if (!login || login.email === body.email) {
    return next()
  }

  const { additional_data, ...update } = body
  try {
    await changeCustomerLoginEmailWorkflow(req.scope).run({
      input: {
        customer_id: customer.id,
        update,
        additional_data,
        actor: { type: "user", id: req.auth_context.actor_id },
      },
    })
  } catch (error) {
    if (
      MedusaError.isMedusaError(error) &&
      (error as MedusaError).message === LOGIN_EMAIL_TAKEN_MESSAGE
    ) {
      return refuse(res, {
        status: 409,
        code: "email_login_taken",
        message: LOGIN_EMAIL_TAKEN_MESSAGE,
      })
    }
    throw error
  }
  const { data } = await req.scope
    .resolve(ContainerRegistrationKeys.QUERY)
    .graph({
      entity: "customer",
      fields: req.queryConfig.fields,
      filters: { id: customer.id },
    })
  res.status(200).json({ customer: data[0] })
}
