import { Migration } from '@mikro-orm/migrations';

export class Migration20261205040158_dashboards extends Migration {

  override name = 'Migration20261205040158_dashboards';

  override up(): void | Promise<void> {
    this.addSql(`create table "analytics"."dashboard" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "tenant_id" uuid not null, "name" text not null, "layout" jsonb not null default '{}', "owner_id" uuid null, primary key ("id"));`);
    this.addSql(`create index "dashboard_tenant_id_index" on "analytics"."dashboard" ("tenant_id");`);

    this.addSql(`create table "analytics"."widget" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "tenant_id" uuid not null, "dashboard_id" uuid not null, "title" text not null, "kind" text not null, "metric" jsonb not null, "window_hours" int not null, primary key ("id"));`);
    this.addSql(`create index "widget_tenant_id_index" on "analytics"."widget" ("tenant_id");`);
    this.addSql(`create index "widget_tenant_id_dashboard_id_index" on "analytics"."widget" ("tenant_id", "dashboard_id");`);

    this.addSql(`alter table "analytics"."widget" add constraint "widget_kind_check" check ("kind" in ('NUMBER', 'TIME_SERIES', 'BAR', 'TABLE'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "analytics"."dashboard" cascade;`);
    this.addSql(`drop table if exists "analytics"."widget" cascade;`);
  }

}
