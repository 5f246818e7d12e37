import { Migration } from '@mikro-orm/migrations';

export class Migration20261122200519_init extends Migration {

  override name = 'Migration20261122200519_init';

  override up(): void | Promise<void> {
    this.addSql(`create schema if not exists "entity";`);
    this.addSql(`create table "entity"."audit_entry" ("id" uuid not null, "tenant_id" uuid null, "entity_type" text not null, "entity_id" text not null, "operation" text not null, "changes" jsonb not null, "actor_id" uuid null, "request_id" text null, "created_at" timestamptz not null default now(), primary key ("id"));`);
    this.addSql(`create index "audit_entry_created_at_index" on "entity"."audit_entry" ("created_at");`);
    this.addSql(`create index "audit_entry_tenant_id_created_at_index" on "entity"."audit_entry" ("tenant_id", "created_at");`);
    this.addSql(`create index "audit_entry_tenant_id_entity_type_entity_id_index" on "entity"."audit_entry" ("tenant_id", "entity_type", "entity_id");`);

    this.addSql(`create table "entity"."entity_record" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "tenant_id" uuid not null, "type" text not null, "data" jsonb not null, "owner_id" uuid null, primary key ("id"));`);
    this.addSql(`create index "entity_record_tenant_id_index" on "entity"."entity_record" ("tenant_id");`);
    this.addSql(`create index "entity_record_owner_id_index" on "entity"."entity_record" ("owner_id");`);
    this.addSql(`create index "entity_record_tenant_id_type_index" on "entity"."entity_record" ("tenant_id", "type");`);

    this.addSql(`alter table "entity"."audit_entry" add constraint "audit_entry_operation_check" check ("operation" in ('create', 'update', 'delete'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "entity"."audit_entry" cascade;`);
    this.addSql(`drop table if exists "entity"."entity_record" cascade;`);

    this.addSql(`drop schema if exists "entity";`);
  }

}
