import {
  validateAndTransformBody,
  validateAndTransformQuery,
  type MiddlewareRoute,
} from "@medusajs/framework/http"
import { AdminUpdateCredentialSettings } from "./credential-settings/validators"
import {
  AdminListCredentialEvents,
  AdminUpdateCustomerCredentials,
} from "./customers/[id]/credentials/validators"

export const adminMiddlewares: MiddlewareRoute[] = [
  {
    method: ["POST"],
    matcher: "/admin/credential-settings",
    middlewares: [validateAndTransformBody(AdminUpdateCredentialSettings)],
  },
  {
    method: ["POST"],
    matcher: "/admin/customers/:id/credentials",
    middlewares: [validateAndTransformBody(AdminUpdateCustomerCredentials)],
  },
  {
    method: ["GET"],
    matcher: "/admin/customers/:id/credentials/events",
    middlewares: [
      validateAndTransformQuery(AdminListCredentialEvents, {
        defaults: ["id", "action", "actor_type", "actor_id", "created_at"],
        isList: true,
      }),
    ],
  },
]
