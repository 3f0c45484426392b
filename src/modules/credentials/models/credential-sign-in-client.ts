import { model } from "@medusajs/framework/utils"

/**
 * The sign-in lock of one account as one client sees it: failures counted
 * from that client (its IP address, or a device that has signed in to the
 * account before) and how long that client is refused. Guessing from one
 * client locks that client only; the account's own row keeps the count of
 * every client and the lock for devices it has never seen
 * (`customer_credential.unknown_devices_locked_until`). Written only by the
 * sign-in statements of the credentials module.
 */
export const CredentialSignInClient = model
  .define("credential_sign_in_client", {
    id: model.id({ prefix: "csic" }).primaryKey(),
    /** The `customer_credential` row the lock belongs to. */
    credential_id: model.text(),
    /** `ip:<address or IPv6 /56>` or `device:<id>`. */
    client_key: model.text(),
    failed_login_count: model.number().default(0),
    last_failed_login_at: model.dateTime().nullable(),
    locked_until: model.dateTime().nullable(),
  })
  .indexes([
    {
      name: "IDX_credential_sign_in_client_unique",
      on: ["credential_id", "client_key"],
      unique: true,
      where: "deleted_at IS NULL",
    },
  ])

export default CredentialSignInClient
