import { Migration } from "@medusajs/framework/mikro-orm/migrations"

export class Migration20261124202853 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table if exists "credential_settings" drop constraint if exists "credential_settings_store_id_unique";`
    )
    this.addSql(
      `create table if not exists "credential_event" ("id" text not null, "customer_id" text not null, "action" text not null, "actor_type" text check ("actor_type" in ('user', 'customer', 'system')) not null, "actor_id" text null, "metadata" jsonb null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "credential_event_pkey" primary key ("id"));`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_credential_event_deleted_at" ON "credential_event" ("deleted_at") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_credential_event_customer_id_created_at" ON "credential_event" ("customer_id", "created_at") WHERE deleted_at IS NULL;`
    )

    this.addSql(
      `create table if not exists "credential_settings" ("id" text not null, "store_id" text not null, "customer_accounts_enabled" boolean null, "allow_manual_entry" boolean null, "password_ticket_expiration_minutes" integer null, "require_email_confirmation" boolean null, "customers_can_change_password" boolean null, "password_min_length" integer null, "password_require_uppercase" boolean null, "password_require_digit" boolean null, "password_require_special" boolean null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "credential_settings_pkey" primary key ("id"));`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_credential_settings_deleted_at" ON "credential_settings" ("deleted_at") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE UNIQUE INDEX IF NOT EXISTS "IDX_credential_settings_store_id_unique" ON "credential_settings" ("store_id") WHERE deleted_at IS NULL;`
    )

    // Customer numbers: short, numeric, never reused (see nextCustomerNumber).
    this.addSql(
      `CREATE SEQUENCE IF NOT EXISTS "customer_credential_number_seq" START WITH 100001;`
    )
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "credential_event" cascade;`)

    this.addSql(`drop table if exists "credential_settings" cascade;`)

    this.addSql(`DROP SEQUENCE IF EXISTS "customer_credential_number_seq";`)
  }
}
