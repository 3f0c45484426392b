import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { CREDENTIALS_MODULE } from "../../../../../../modules/credentials"
import type CredentialsModuleService from "../../../../../../modules/credentials/service"
import { assertCustomerExists } from "../../../../../utils/assert-customer-exists"
import type { AdminListCredentialEventsType } from "../validators"

/** The audit trail of one customer's login, newest first. */
export const GET = async (
  req: AuthenticatedMedusaRequest<unknown, AdminListCredentialEventsType>,
  res: MedusaResponse
) => {
  await assertCustomerExists(req.scope, req.params.id)

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
