import { model } from "@medusajs/framework/utils"

/**
 * B2B: one login (a Medusa auth identity: one email, one password) may act
 * for several customer accounts, such as companies. A reference is one
 * (login, account) pair with what that person may do for that account.
 * Rights here only narrow the store-wide ones: a right holds when it is on
 * in both places.
 */
export const CustomerReference = model
  .define("customer_reference", {
    id: model.id({ prefix: "cref" }).primaryKey(),
    auth_identity_id: model.text(),
    customer_id: model.text(),
    /** The login's email, kept for listing (the identity is in the auth module). */
    email: model.text(),
    display_name: model.text().nullable(),
    /** May sign in for this account. */
    internet_user: model.boolean().default(true),
    /** Per-right switches; a right missing here is on. */
    permissions: model.json().nullable(),
  })
  .indexes([
    {
      name: "IDX_customer_reference_login_customer_unique",
      on: ["auth_identity_id", "customer_id"],
      unique: true,
      where: "deleted_at IS NULL",
    },
    {
      name: "IDX_customer_reference_customer_id",
      on: ["customer_id"],
    },
  ])

export default CustomerReference
