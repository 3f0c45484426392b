import {
  validateAndTransformQuery,
  type MiddlewareRoute,
} from "@medusajs/framework/http"
import { validateBody } from "../utils/validate-body"
import { AdminUpdateCredentialSettings } from "./credential-settings/validators"
import { AdminStartCredentialBulkJob } from "./credentials/bulk/validators"
import { AdminCreateCustomerWithLogin } from "./credentials/customers/validators"
import {
  AdminAddCustomerReference,
  AdminSetReferencePassword,
  AdminUpdateCustomerReference,
} from "./customers/[id]/references/validators"
import {
  AdminCredentialAction,
  AdminListCredentialEvents,
  AdminSetCustomerPassword,
  AdminUpdateCustomerCredentials,
} from "./customers/[id]/credentials/validators"
import { moveCustomerLoginEmail } from "./move-customer-login-email"
import { releaseCustomerLogins } from "./release-customer-logins"

export const adminMiddlewares: MiddlewareRoute[] = [
  // Core's customer deletion: the customer's logins sign in for it no more.
  {
    method: ["DELETE"],
    matcher: "/admin/customers/:id",
    middlewares: [releaseCustomerLogins],
  },
  // Core's customer update: a new email takes the customer's own login along.
  {
    method: ["POST"],
    matcher: "/admin/customers/:id",
    middlewares: [moveCustomerLoginEmail],
  },
  {
    method: ["POST"],
    matcher: "/admin/credentials/bulk",
    // Up to 10,000 customer ids (about 300 kB): above express's 100 kB default.
    bodyParser: { sizeLimit: "1mb" },
    middlewares: [validateBody(AdminStartCredentialBulkJob)],
  },
  {
    method: ["POST"],
    matcher: "/admin/credentials/customers",
    middlewares: [validateBody(AdminCreateCustomerWithLogin)],
  },
  {
    method: ["POST"],
    matcher: "/admin/customers/:id/references",
    middlewares: [validateBody(AdminAddCustomerReference)],
  },
  {
    method: ["POST"],
    matcher: "/admin/customers/:id/references/:reference_id",
    middlewares: [validateBody(AdminUpdateCustomerReference)],
  },
  {
    method: ["POST"],
    matcher: "/admin/customers/:id/references/:reference_id/password",
    middlewares: [validateBody(AdminSetReferencePassword)],
  },
  ...["generate", "reset-password", "send-activation"].map(
    (action): MiddlewareRoute => ({
      method: ["POST"],
      matcher: `/admin/customers/:id/references/:reference_id/${action}`,
      middlewares: [validateBody(AdminCredentialAction)],
    })
  ),
  {
    method: ["POST"],
    matcher: "/admin/credential-settings",
    middlewares: [validateBody(AdminUpdateCredentialSettings)],
  },
  {
    method: ["POST"],
    matcher: "/admin/customers/:id/credentials",
    middlewares: [validateBody(AdminUpdateCustomerCredentials)],
  },
  {
    method: ["POST"],
    matcher: "/admin/customers/:id/credentials/password",
    middlewares: [validateBody(AdminSetCustomerPassword)],
  },
  ...[
    "generate",
    "reset-password",
    "send-activation",
    "unlock",
    "sign-out-everywhere",
  ].map((action): MiddlewareRoute => ({
    method: ["POST"],
    matcher: `/admin/customers/:id/credentials/${action}`,
    middlewares: [validateBody(AdminCredentialAction)],
  })),
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
