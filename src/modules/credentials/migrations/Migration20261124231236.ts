import { Migration } from "@medusajs/framework/mikro-orm/migrations"

export class Migration20261124231236 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table if not exists "credential_bulk_job" ("id" text not null, "action" text check ("action" in ('send_activation', 'generate_credentials')) not null, "status" text check ("status" in ('queued', 'running', 'completed', 'failed')) not null default 'queued', "customer_ids" jsonb null, "all_unregistered" boolean not null default false, "total" integer not null default 0, "processed" integer not null default 0, "succeeded" integer not null default 0, "failed" integer not null default 0, "errors" jsonb null, "failure_reason" text null, "created_by" text null, "started_at" timestamptz null, "finished_at" timestamptz null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "credential_bulk_job_pkey" primary key ("id"));`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_credential_bulk_job_deleted_at" ON "credential_bulk_job" ("deleted_at") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_credential_bulk_job_status" ON "credential_bulk_job" ("status") WHERE deleted_at IS NULL;`
    )
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "credential_bulk_job" cascade;`)
  }
}
