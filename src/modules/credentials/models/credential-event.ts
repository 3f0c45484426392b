import { model } from "@medusajs/framework/utils"

/**
 * The audit trail of credential events: who did what to a customer's login,
 * and when. Never a password, hash or token: `metadata` only carries facts
 * such as `{ temporary: true }` or the failure reason of a sign-in.
 */
export const CredentialEvent = model
  .define("credential_event", {
    id: model.id({ prefix: "credevt" }).primaryKey(),
    customer_id: model.text(),
    action: model.text(),
    actor_type: model.enum(["user", "customer", "system"]),
    actor_id: model.text().nullable(),
    metadata: model.json().nullable(),
  })
  .indexes([
    {
      name: "IDX_credential_event_customer_id_created_at",
      on: ["customer_id", "created_at"],
    },
  ])

export default CredentialEvent
