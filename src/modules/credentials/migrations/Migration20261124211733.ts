import { Migration } from "@medusajs/framework/mikro-orm/migrations"

export class Migration20261124211733 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table if exists "customer_reference" drop constraint if exists "customer_reference_login_customer_unique";`
    )
    this.addSql(
      `create table if not exists "customer_reference" ("id" text not null, "auth_identity_id" text not null, "customer_id" text not null, "email" text not null, "display_name" text null, "internet_user" boolean not null default true, "permissions" jsonb null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "customer_reference_pkey" primary key ("id"));`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_customer_reference_deleted_at" ON "customer_reference" ("deleted_at") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE UNIQUE INDEX IF NOT EXISTS "IDX_customer_reference_login_customer_unique" ON "customer_reference" ("auth_identity_id", "customer_id") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_customer_reference_customer_id" ON "customer_reference" ("customer_id") WHERE deleted_at IS NULL;`
    )
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "customer_reference" cascade;`)
  }
}
