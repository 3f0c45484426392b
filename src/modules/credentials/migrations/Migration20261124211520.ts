import { Migration } from "@medusajs/framework/mikro-orm/migrations"

export class Migration20261124211520 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table if exists "credential_settings" add column if not exists "sso_enabled" boolean null, add column if not exists "sso_only" boolean null, add column if not exists "sso_button_label" text null, add column if not exists "sso_allowed_email_domains" jsonb null, add column if not exists "permissions" jsonb null;`
    )
  }

  override async down(): Promise<void> {
    this.addSql(
      `alter table if exists "credential_settings" drop column if exists "sso_enabled", drop column if exists "sso_only", drop column if exists "sso_button_label", drop column if exists "sso_allowed_email_domains", drop column if exists "permissions";`
    )
  }
}
