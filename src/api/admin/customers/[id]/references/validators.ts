import { z } from "@medusajs/framework/zod"
import { CUSTOMER_PERMISSIONS } from "../../../../../modules/credentials/types"
import { MAX_PASSWORD_LENGTH } from "../../../../../modules/credentials/utils/password-policy"

const permissions = z.partialRecord(z.enum(CUSTOMER_PERMISSIONS), z.boolean())

export const AdminAddCustomerReference = z
  .object({
    email: z.string().trim().toLowerCase().pipe(z.email().max(320)),
    display_name: z.string().trim().min(1).max(200).nullish(),
    internet_user: z.boolean().optional(),
    permissions: permissions.optional(),
  })
  .strict()
export type AdminAddCustomerReferenceType = z.infer<
  typeof AdminAddCustomerReference
>

export const AdminUpdateCustomerReference = z
  .object({
    display_name: z.string().trim().min(1).max(200).nullable(),
    internet_user: z.boolean(),
    permissions,
  })
  .partial()
  .strict()
  .refine((body) => Object.keys(body).length > 0, {
    message: "Send display_name, internet_user and/or permissions",
  })
export type AdminUpdateCustomerReferenceType = z.infer<
  typeof AdminUpdateCustomerReference
>

/** "Enter password" for a reference's login (needs Allow Manual Entry). */
export const AdminSetReferencePassword = z
  .object({
    password: z.string().min(1).max(MAX_PASSWORD_LENGTH),
    confirm_password: z.string().max(MAX_PASSWORD_LENGTH),
    temporary: z.boolean().optional(),
  })
  .strict()
export type AdminSetReferencePasswordType = z.infer<
  typeof AdminSetReferencePassword
>
