import { z } from "@medusajs/framework/zod"
import { MAX_PASSWORD_LENGTH } from "../../../../../modules/credentials/utils/password-policy"

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

export const AdminSetCustomerPassword = z
  .object({
    password: z.string().min(1).max(MAX_PASSWORD_LENGTH),
    confirm_password: z.string().max(MAX_PASSWORD_LENGTH),
    temporary: z.boolean().optional(),
  })
  .strict()

export type AdminSetCustomerPasswordType = z.infer<
  typeof AdminSetCustomerPassword
>

/** The action routes take no body; anything sent is a mistake worth a 400. */
export const AdminCredentialAction = z.object({}).strict()
