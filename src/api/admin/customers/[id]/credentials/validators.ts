import { z } from "@medusajs/framework/zod"
import { MAX_PASSWORD_LENGTH } from "../../../../../modules/credentials/utils/password-policy"

export const AdminUpdateCustomerCredentials = z
  .object({
    login_enabled: z.boolean(),
    email_confirmed: z.boolean(),
    /** With email_confirmed false: email the customer the confirmation link. */
    send_confirmation_link: z.boolean(),
  })
  .partial()
  .strict()
  .refine(
    (body) =>
      body.login_enabled !== undefined || body.email_confirmed !== undefined,
    { message: "Send login_enabled and/or email_confirmed" }
  )
  .refine(
    (body) => !body.send_confirmation_link || body.email_confirmed === false,
    {
      message:
        "send_confirmation_link goes with email_confirmed: false (the link confirms the email again)",
      path: ["send_confirmation_link"],
    }
  )

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
    /** A login this creates: the admin vouches for the email (else a confirmation link is sent). */
    email_confirmed: z.boolean().optional(),
  })
  .strict()

export type AdminSetCustomerPasswordType = z.infer<
  typeof AdminSetCustomerPassword
>

/** The action routes take no body; anything sent is a mistake worth a 400. */
export const AdminCredentialAction = z.object({}).strict()
