import { Migration } from "@medusajs/framework/mikro-orm/migrations"

/**
 * Store-wide switches and the password strength minimum (issue 14 #5, #6):
 * "Customers can register" apart from "Customer accounts" (which now closes
 * sign-in too), "Customers can reset their own password", and the lowest
 * zxcvbn score a new password may have. NULL, as every settings column:
 * the plugin option or the built-in default applies (registration on,
 * self-service reset on, no minimum), so nothing changes for a store until
 * an admin saves one.
 */
export class Migration20261201090000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table if exists "credential_settings" add column if not exists "registration_enabled" boolean null, add column if not exists "customers_can_reset_password" boolean null, add column if not exists "password_min_strength" integer null;`
    )
  }

  override async down(): Promise<void> {
    this.addSql(
      `alter table if exists "credential_settings" drop column if exists "registration_enabled", drop column if exists "customers_can_reset_password", drop column if exists "password_min_strength";`
    )
  }
}
