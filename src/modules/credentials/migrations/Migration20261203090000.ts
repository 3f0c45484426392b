import { Migration } from "@medusajs/framework/mikro-orm/migrations"

/**
 * Backoffice activation by customer number (issue 14 #4): the store-wide
 * setting `backoffice_activation_sign_in` (null: the plugin options', by
 * default "customer_number"), and each login's `sign_in_with`. Every row
 * already saved gets "both": a login made before keeps signing in as it did
 * (its email, and its customer number when it has one).
 */
export class Migration20261203090000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table if exists "credential_settings" add column if not exists "backoffice_activation_sign_in" text check ("backoffice_activation_sign_in" in ('customer_number', 'email', 'both')) null;`
    )
    this.addSql(
      `alter table if exists "customer_credential" add column if not exists "sign_in_with" text check ("sign_in_with" in ('customer_number', 'email', 'both')) not null default 'both';`
    )
  }

  override async down(): Promise<void> {
    this.addSql(
      `alter table if exists "customer_credential" drop column if exists "sign_in_with";`
    )
    this.addSql(
      `alter table if exists "credential_settings" drop column if exists "backoffice_activation_sign_in";`
    )
  }
}
