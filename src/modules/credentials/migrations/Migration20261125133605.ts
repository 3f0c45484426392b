import { Migration } from "@medusajs/framework/mikro-orm/migrations"

export class Migration20261125133605 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table if exists "credential_bulk_job" add column if not exists "last_customer_id" text null;`
    )
  }

  override async down(): Promise<void> {
    this.addSql(
      `alter table if exists "credential_bulk_job" drop column if exists "last_customer_id";`
    )
  }
}
