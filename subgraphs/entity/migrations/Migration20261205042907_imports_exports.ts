import { Migration } from '@mikro-orm/migrations';

export class Migration20261205042907_imports_exports extends Migration {

  override name = 'Migration20261205042907_imports_exports';

  override up(): void | Promise<void> {
    this.addSql(`create table "entity"."record_export" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "tenant_id" uuid not null, "type" text not null, "format" text not null, "status" text not null default 'QUEUED', "rows" int not null default 0, "file_key" text null, primary key ("id"));`);
    this.addSql(`create index "record_export_tenant_id_index" on "entity"."record_export" ("tenant_id");`);

    this.addSql(`create table "entity"."record_import" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "tenant_id" uuid not null, "type" text not null, "format" text not null, "status" text not null default 'AWAITING_UPLOAD', "processed" int not null default 0, "succeeded" int not null default 0, "failed" int not null default 0, "error" text null, "file_key" text null, "error_report_key" text null, "created_by" uuid null, primary key ("id"));`);
    this.addSql(`create index "record_import_tenant_id_index" on "entity"."record_import" ("tenant_id");`);

    this.addSql(`alter table "entity"."record_export" add constraint "record_export_format_check" check ("format" in ('CSV', 'JSON', 'NDJSON'));`);
    this.addSql(`alter table "entity"."record_export" add constraint "record_export_status_check" check ("status" in ('AWAITING_UPLOAD', 'QUEUED', 'RUNNING', 'DONE', 'FAILED'));`);

    this.addSql(`alter table "entity"."record_import" add constraint "record_import_format_check" check ("format" in ('CSV', 'JSON', 'NDJSON'));`);
    this.addSql(`alter table "entity"."record_import" add constraint "record_import_status_check" check ("status" in ('AWAITING_UPLOAD', 'QUEUED', 'RUNNING', 'DONE', 'FAILED'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "entity"."record_export" cascade;`);
    this.addSql(`drop table if exists "entity"."record_import" cascade;`);
  }

}
