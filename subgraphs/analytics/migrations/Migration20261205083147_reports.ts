import { Migration } from '@mikro-orm/migrations';

export class Migration20261205083147_reports extends Migration {

  override name = 'Migration20261205083147_reports';

  override up(): void | Promise<void> {
    this.addSql(`create table "analytics"."report" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "tenant_id" uuid not null, "name" text not null, "format" text not null, "schedule" text not null, "next_run_at" timestamptz null, "queries" jsonb not null, "parameters" jsonb not null default '{}', "owner_id" uuid not null, primary key ("id"));`);
    this.addSql(`create index "report_tenant_id_index" on "analytics"."report" ("tenant_id");`);
    this.addSql(`create index "report_next_run_at_index" on "analytics"."report" ("next_run_at");`);

    this.addSql(`create table "analytics"."report_run" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "tenant_id" uuid not null, "report_id" uuid not null, "run_key" text not null, "period_from" timestamptz not null, "period_to" timestamptz not null, "parameters" jsonb not null default '{}', "status" text not null default 'PENDING', "document_id" uuid null, "error" text null, primary key ("id"));`);
    this.addSql(`create index "report_run_tenant_id_index" on "analytics"."report_run" ("tenant_id");`);
    this.addSql(`alter table "analytics"."report_run" add constraint "report_run_report_id_run_key_unique" unique ("report_id", "run_key");`);

    this.addSql(`alter table "analytics"."report" add constraint "report_format_check" check ("format" in ('CSV', 'PDF'));`);
    this.addSql(`alter table "analytics"."report" add constraint "report_schedule_check" check ("schedule" in ('NONE', 'DAILY', 'WEEKLY', 'MONTHLY'));`);

    this.addSql(`alter table "analytics"."report_run" add constraint "report_run_status_check" check ("status" in ('PENDING', 'DELIVERED', 'FAILED'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "analytics"."report" cascade;`);
    this.addSql(`drop table if exists "analytics"."report_run" cascade;`);
  }

}
