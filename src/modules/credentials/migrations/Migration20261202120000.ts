import { Migration } from "@medusajs/framework/mikro-orm/migrations"

/**
 * "Email confirmed" now closes sign-in (issue 14 #2): a row the plugin makes
 * for a customer it meets first (a login older than the plugin, or made
 * outside it) starts confirmed, so such a login keeps signing in. The rows
 * already saved are marked by the migration script
 * `migration-scripts/confirm-existing-logins.ts`, which reads core's
 * verification records through the auth module.
 */
export class Migration20261202120000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table if exists "customer_credential" alter column "email_confirmed" set default true;`
    )
  }

  override async down(): Promise<void> {
    this.addSql(
      `alter table if exists "customer_credential" alter column "email_confirmed" set default false;`
    )
  }
}
