import { z } from "@medusajs/framework/zod"

export const AdminUpdateCustomerCredentials = z
  .object({
    login_enabled: z.boolean(),
    email_confirmed: z.boolean(),
  })
  .partial()
  .strict()
  .refine((body) => Object.keys(body).length > 0, {
    message: "Send login_enabled and/or email_confirmed",
  })

export type AdminUpdateCustomerCredentialsType = z.infer<
  typeof AdminUpdateCustomerCredentials
>

export const AdminListCredentialEvents = z
  .object({
    limit: z.coerce.number().int().min(1).max(100).default(20),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict()

export type AdminListCredentialEventsType = z.infer<
  typeof AdminListCredentialEvents
>
