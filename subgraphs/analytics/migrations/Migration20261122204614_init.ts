import { Migration } from '@mikro-orm/migrations';

export class Migration20261122204614_init extends Migration {

  override name = 'Migration20261122204614_init';

  override up(): void | Promise<void> {
    this.addSql(`create schema if not exists "analytics";`);
    this.addSql(`create table "analytics"."analytics_event" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "tenant_id" uuid not null, "name" text not null, "occurred_at" timestamptz not null default now(), "properties" jsonb not null default '{}', "actor_id" uuid null, primary key ("id"));`);
    this.addSql(`create index "analytics_event_tenant_id_index" on "analytics"."analytics_event" ("tenant_id");`);
    this.addSql(`create index "analytics_event_tenant_id_name_occurred_at_index" on "analytics"."analytics_event" ("tenant_id", "name", "occurred_at");`);

    this.addSql(`create table "analytics"."audit_entry" ("id" uuid not null, "tenant_id" uuid null, "entity_type" text not null, "entity_id" text not null, "operation" text not null, "changes" jsonb not null, "actor_id" uuid null, "request_id" text null, "created_at" timestamptz not null default now(), primary key ("id"));`);
    this.addSql(`create index "audit_entry_created_at_index" on "analytics"."audit_entry" ("created_at");`);
    this.addSql(`create index "audit_entry_tenant_id_created_at_index" on "analytics"."audit_entry" ("tenant_id", "created_at");`);
    this.addSql(`create index "audit_entry_tenant_id_entity_type_entity_id_index" on "analytics"."audit_entry" ("tenant_id", "entity_type", "entity_id");`);

    this.addSql(`alter table "analytics"."audit_entry" add constraint "audit_entry_operation_check" check ("operation" in ('create', 'update', 'delete'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "analytics"."analytics_event" cascade;`);
    this.addSql(`drop table if exists "analytics"."audit_entry" cascade;`);

    this.addSql(`drop schema if exists "analytics";`);
  }

}
