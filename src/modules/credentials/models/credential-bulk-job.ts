import { model } from "@medusajs/framework/utils"

/**
 * One admin bulk onboarding run ("send activation email" or "generate and
 * send credentials" for many customers) and its progress. The work runs in
 * the background, batch by batch; each batch updates the counters.
 *
 * `errors` holds at most a few hundred `{ customer_id, message }` entries
 * (capped), never a password, hash, token or link.
 */
export const CredentialBulkJob = model
  .define("credential_bulk_job", {
    id: model.id({ prefix: "credbulk" }).primaryKey(),
    action: model.enum(["send_activation", "generate_credentials"]),
    status: model
      .enum(["queued", "running", "completed", "failed"])
      .default("queued"),
    /** The customers to process, when the admin named them. */
    customer_ids: model.json().nullable(),
    /** Every customer without a login, chosen when the job starts. */
    all_unregistered: model.boolean().default(false),
    total: model.number().default(0),
    processed: model.number().default(0),
    succeeded: model.number().default(0),
    failed: model.number().default(0),
    errors: model.json().nullable(),
    /** Why the whole job stopped (status failed), if it did. */
    failure_reason: model.text().nullable(),
    created_by: model.text().nullable(),
    started_at: model.dateTime().nullable(),
    finished_at: model.dateTime().nullable(),
    /** The last customer of the last finished batch: a resumed job starts after it. */
    last_customer_id: model.text().nullable(),
  })
  .indexes([{ name: "IDX_credential_bulk_job_status", on: ["status"] }])

export default CredentialBulkJob
