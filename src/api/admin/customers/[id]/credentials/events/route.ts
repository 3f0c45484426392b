import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import {
  ContainerRegistrationKeys,
  MedusaError,
} from "@medusajs/framework/utils"
import { CREDENTIALS_MODULE } from "../../../../../../modules/credentials"
import type CredentialsModuleService from "../../../../../../modules/credentials/service"
import type { AdminListCredentialEventsType } from "../validators"

/** The audit trail of one customer's login, newest first. */
export const GET = async (
  req: AuthenticatedMedusaRequest<unknown, AdminListCredentialEventsType>,
  res: MedusaResponse
) => {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data: customers } = await query.graph({
    entity: "customer",
    fields: ["id"],
    filters: { id: req.params.id },
  })
  if (!customers.length) {
    throw new MedusaError(
      MedusaError.Types.NOT_FOUND,
      `Customer with id: ${req.params.id} was not found`
    )
  }

  const { limit, offset } = req.validatedQuery
  const service =
    req.scope.resolve<CredentialsModuleService>(CREDENTIALS_MODULE)
  const [events, count] = await service.listAndCountCredentialEvents(
    { customer_id: req.params.id },
    {
      select: [
        "id",
        "customer_id",
        "action",
        "actor_type",
        "actor_id",
        "metadata",
        "created_at",
      ],
      order: { created_at: "DESC" },
      take: limit,
      skip: offset,
    }
  )

  res.json({ events, count, limit, offset })
}
