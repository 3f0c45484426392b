import {
  validateAndTransformBody,
  type MiddlewareRoute,
} from "@medusajs/framework/http"
import { AdminUpdateCredentialSettings } from "./credential-settings/validators"

export const adminMiddlewares: MiddlewareRoute[] = [
  {
    method: ["POST"],
    matcher: "/admin/credential-settings",
    middlewares: [validateAndTransformBody(AdminUpdateCredentialSettings)],
  },
]
