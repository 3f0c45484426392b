import { z } from "@medusajs/framework/zod"
import { CUSTOMER_PERMISSIONS } from "../../../modules/credentials/types"

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
    sso_enabled: z.boolean().nullable(),
    sso_only: z.boolean().nullable(),
    sso_button_label: z.string().trim().min(1).max(100).nullable(),
    sso_allowed_email_domains: z
      .array(
        z
          .string()
          .trim()
          .toLowerCase()
          .regex(
            /^[a-z0-9.-]+\.[a-z]{2,}$/,
            "must be a domain such as example.com"
          )
      )
      .max(50)
      .nullable(),
    permissions: z
      .partialRecord(z.enum(CUSTOMER_PERMISSIONS), z.boolean())
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
