import { z } from "@medusajs/framework/zod"
import {
  BULK_ACTIONS,
  MAX_BULK_CUSTOMERS,
} from "../../../../workflows/bulk/utils/bulk-onboarding"

export const AdminStartCredentialBulkJob = z
  .object({
    action: z.enum(BULK_ACTIONS, {
      message: `action must be one of: ${BULK_ACTIONS.join(", ")}`,
    }),
    customer_ids: z
      .array(z.string().min(1))
      .min(1, { message: "customer_ids must name at least one customer" })
      .max(MAX_BULK_CUSTOMERS, {
        message: `customer_ids may name at most ${MAX_BULK_CUSTOMERS} customers: start several jobs, or use all_unregistered`,
      })
      .optional(),
    all_unregistered: z.literal(true).optional(),
  })
  .strict()
  .refine(
    (body) => (body.customer_ids === undefined) !== !body.all_unregistered,
    {
      message:
        "Send either customer_ids (the customers to process) or all_unregistered: true (every customer without a login), not both",
    }
  )

export type AdminStartCredentialBulkJobType = z.infer<
  typeof AdminStartCredentialBulkJob
>
