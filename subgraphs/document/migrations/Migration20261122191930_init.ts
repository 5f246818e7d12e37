import { Migration } from '@mikro-orm/migrations';

export class Migration20261122191930_init extends Migration {

  override name = 'Migration20261122191930_init';

  override up(): void | Promise<void> {
    this.addSql(`create schema if not exists "document";`);
    this.addSql(`create table "document"."audit_entry" ("id" uuid not null, "tenant_id" uuid null, "entity_type" text not null, "entity_id" text not null, "operation" text not null, "changes" jsonb not null, "actor_id" uuid null, "request_id" text null, "created_at" timestamptz not null default now(), primary key ("id"));`);
    this.addSql(`create index "audit_entry_created_at_index" on "document"."audit_entry" ("created_at");`);
    this.addSql(`create index "audit_entry_tenant_id_created_at_index" on "document"."audit_entry" ("tenant_id", "created_at");`);
    this.addSql(`create index "audit_entry_tenant_id_entity_type_entity_id_index" on "document"."audit_entry" ("tenant_id", "entity_type", "entity_id");`);

    this.addSql(`create table "document"."document" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "tenant_id" uuid not null, "title" text not null, "content" text not null, "mime_type" text not null default 'text/plain', "status" text not null default 'draft', "owner_id" uuid not null, primary key ("id"));`);
    this.addSql(`create index "document_tenant_id_index" on "document"."document" ("tenant_id");`);
    this.addSql(`create index "document_owner_id_index" on "document"."document" ("owner_id");`);

    this.addSql(`alter table "document"."audit_entry" add constraint "audit_entry_operation_check" check ("operation" in ('create', 'update', 'delete'));`);

    this.addSql(`alter table "document"."document" add constraint "document_status_check" check ("status" in ('draft', 'final', 'archived'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "document"."audit_entry" cascade;`);
    this.addSql(`drop table if exists "document"."document" cascade;`);

    this.addSql(`drop schema if exists "document";`);
  }

}
