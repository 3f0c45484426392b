import { Migration } from "@medusajs/framework/mikro-orm/migrations"

/**
 * The counts of the plugin's rate limits (per IP, per email, per unknown
 * identifier), shared by every server instance on the database: the table
 * rate-limiter-flexible's PostgreSQL store reads and writes
 * (`src/modules/credentials/rate-limit-store.ts`), one row per limit and key,
 * counted by one atomic upsert. `expire` is in epoch milliseconds; rows an
 * hour past it are deleted by the job `clear-expired-rate-limits`.
 */
export class Migration20261130090000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table if not exists "credential_rate_limit" ("key" text not null, "points" integer not null default 0, "expire" bigint null, constraint "credential_rate_limit_pkey" primary key ("key"));`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_credential_rate_limit_expire" ON "credential_rate_limit" ("expire");`
    )
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "credential_rate_limit" cascade;`)
  }
}
