import { Migration } from "@medusajs/framework/mikro-orm/migrations"

export class Migration20261128232128 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table if exists "credential_sign_in_client" drop constraint if exists "credential_sign_in_client_unique";`
    )
    this.addSql(
      `create table if not exists "credential_sign_in_client" ("id" text not null, "credential_id" text not null, "client_key" text not null, "failed_login_count" integer not null default 0, "last_failed_login_at" timestamptz null, "locked_until" timestamptz null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "credential_sign_in_client_pkey" primary key ("id"));`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_credential_sign_in_client_deleted_at" ON "credential_sign_in_client" ("deleted_at") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE UNIQUE INDEX IF NOT EXISTS "IDX_credential_sign_in_client_unique" ON "credential_sign_in_client" ("credential_id", "client_key") WHERE deleted_at IS NULL;`
    )

    this.addSql(
      `alter table if exists "customer_credential" add column if not exists "unknown_devices_locked_until" timestamptz null;`
    )
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "credential_sign_in_client" cascade;`)

    this.addSql(
      `alter table if exists "customer_credential" drop column if exists "unknown_devices_locked_until";`
    )
  }
}
