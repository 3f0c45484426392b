import { model } from "@medusajs/framework/utils"

/**
 * Login state the plugin keeps for one Medusa customer.
 *
 * The password itself never lives here: it is hashed by Medusa's auth module
 * (emailpass provider, scrypt-kdf). This row holds what core does not track:
 * the merchant's switches, the temporary-password ticket and the lockout
 * counters used by the sign-in gates.
 */
export const CustomerCredential = model
  .define("customer_credential", {
    id: model.id({ prefix: "ccred" }).primaryKey(),
    customer_id: model.text(),
    login_enabled: model.boolean().default(true),
    /**
     * Off: the login does not sign in until the email is confirmed
     * (login-gates.ts). On by default: a row made for a customer the plugin
     * meets first (a login older than the plugin, or made outside it) signs
     * in as before. Every flow that makes a login nobody proved writes it
     * off and sends the confirmation link (docs/security.md).
     */
    email_confirmed: model.boolean().default(true),
    registered_at: model.dateTime().nullable(),
    /**
     * What this login signs in with (settings-schema.ts `SIGN_IN_IDENTIFIERS`):
     * "both" (the default: a storefront registration, a login older than
     * this column) takes its email, and its customer number once it has one;
     * "customer_number" refuses its email as a wrong password would, on every
     * sign-in route; "email" refuses its number the same way. A backoffice
     * activation writes the store's setting into a login it makes, when the
     * link is sent (set-activation-sign-in.ts).
     */
    sign_in_with: model
      .enum(["customer_number", "email", "both"])
      .default("both"),
    customer_number: model.text().nullable(),
    must_change_password: model.boolean().default(false),
    temporary_password_expires_at: model.dateTime().nullable(),
    last_password_change_at: model.dateTime().nullable(),
    last_login_at: model.dateTime().nullable(),
    failed_login_count: model.number().default(0),
    last_failed_login_at: model.dateTime().nullable(),
    /** The latest end of any sign-in lock on the account (for one client or for unknown devices). */
    locked_until: model.dateTime().nullable(),
    /** Until then, only devices that signed in to the account before may try. */
    unknown_devices_locked_until: model.dateTime().nullable(),
  })
  .indexes([
    {
      name: "IDX_customer_credential_customer_id_unique",
      on: ["customer_id"],
      unique: true,
      where: "deleted_at IS NULL",
    },
    {
      name: "IDX_customer_credential_customer_number_unique",
      on: ["customer_number"],
      unique: true,
      where: "deleted_at IS NULL AND customer_number IS NOT NULL",
    },
  ])

export default CustomerCredential
