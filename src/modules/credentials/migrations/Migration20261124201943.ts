import { Migration } from "@medusajs/framework/mikro-orm/migrations"

export class Migration20261124201943 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table if exists "customer_credential" drop constraint if exists "customer_credential_customer_number_unique";`
    )
    this.addSql(
      `alter table if exists "customer_credential" drop constraint if exists "customer_credential_customer_id_unique";`
    )
    this.addSql(
      `create table if not exists "customer_credential" ("id" text not null, "customer_id" text not null, "login_enabled" boolean not null default true, "email_confirmed" boolean not null default false, "registered_at" timestamptz null, "customer_number" text null, "must_change_password" boolean not null default false, "temporary_password_expires_at" timestamptz null, "last_password_change_at" timestamptz null, "last_login_at" timestamptz null, "failed_login_count" integer not null default 0, "locked_until" timestamptz null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "customer_credential_pkey" primary key ("id"));`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_customer_credential_deleted_at" ON "customer_credential" ("deleted_at") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE UNIQUE INDEX IF NOT EXISTS "IDX_customer_credential_customer_id_unique" ON "customer_credential" ("customer_id") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE UNIQUE INDEX IF NOT EXISTS "IDX_customer_credential_customer_number_unique" ON "customer_credential" ("customer_number") WHERE deleted_at IS NULL AND customer_number IS NOT NULL;`
    )
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "customer_credential" cascade;`)
  }
}
