import { Modules } from "@medusajs/framework/utils"
import { deleteCustomersWorkflow } from "@medusajs/medusa/core-flows"
import { CREDENTIALS_MODULE } from "../../modules/credentials"
import type CredentialsModuleService from "../../modules/credentials/service"
import { endLoginSessions } from "../utils/login-sessions"

/**
 * Inside core's customer deletion, before it answers: the sessions of every
 * login that acted for the deleted customers (their own login, a B2B
 * person's) end at once on every server instance. What is left to tidy
 * (rows, references, logins acting for nobody) is done after the deletion,
 * by the `customer.deleted` subscriber.
 */
deleteCustomersWorkflow.hooks.customersDeleted(
  async ({ ids }, { container }) => {
    if (!ids?.length) {
      return
    }
    const [linked, references] = await Promise.all([
      container
        .resolve(Modules.AUTH)
        .listAuthIdentities({ app_metadata: { customer_id: ids } } as never, {
          select: ["id"],
        }),
      container
        .resolve<CredentialsModuleService>(CREDENTIALS_MODULE)
        .listCustomerReferences(
          { customer_id: ids },
          {
            select: ["auth_identity_id"],
          }
        ),
    ])
    await endLoginSessions(container, [
      ...linked.map((identity) => identity.id),
      ...references.map((reference) => reference.auth_identity_id),
    ])
  }
)
