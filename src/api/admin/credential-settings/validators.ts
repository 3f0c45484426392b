import { z } from "@medusajs/framework/zod"

export const AdminUpdateCredentialSettings = z
  .object({
    customer_accounts_enabled: z.boolean().nullable(),
    allow_manual_entry: z.boolean().nullable(),
    password_ticket_expiration_minutes: z
      .number()
      .int()
      .min(0) // 0: a manually entered password is permanent
      .max(525600) // one year
      .nullable(),
    require_email_confirmation: z.boolean().nullable(),
    customers_can_change_password: z.boolean().nullable(),
    password_policy: z
      .object({
        min_length: z.number().int().min(6).max(128).nullable(),
        require_uppercase: z.boolean().nullable(),
        require_digit: z.boolean().nullable(),
        require_special: z.boolean().nullable(),
      })
      .partial()
      .strict(),
    force_login: z.boolean().nullable(),
    lockout_threshold: z.number().int().min(1).max(1000).nullable(),
    lockout_window_minutes: z
      .number()
      .int()
      .min(1)
      .max(24 * 60)
      .nullable(),
    lockout_minutes: z
      .number()
      .int()
      .min(1)
      .max(24 * 60)
      .nullable(),
  })
  .partial()
  .strict()

export type AdminUpdateCredentialSettingsType = z.infer<
  typeof AdminUpdateCredentialSettings
>
