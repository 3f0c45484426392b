import { Migration } from "@medusajs/framework/mikro-orm/migrations"

export class Migration20261124205503 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table if exists "credential_settings" add column if not exists "force_login" boolean null, add column if not exists "lockout_threshold" integer null, add column if not exists "lockout_window_minutes" integer null, add column if not exists "lockout_minutes" integer null;`
    )

    this.addSql(
      `alter table if exists "customer_credential" add column if not exists "last_failed_login_at" timestamptz null;`
    )
  }

  override async down(): Promise<void> {
    this.addSql(
      `alter table if exists "credential_settings" drop column if exists "force_login", drop column if exists "lockout_threshold", drop column if exists "lockout_window_minutes", drop column if exists "lockout_minutes";`
    )

    this.addSql(
      `alter table if exists "customer_credential" drop column if exists "last_failed_login_at";`
    )
  }
}
