import { Migration } from '@mikro-orm/migrations';

export class Migration20261122204609_init extends Migration {

  override name = 'Migration20261122204609_init';

  override up(): void | Promise<void> {
    this.addSql(`create schema if not exists "search";`);
    this.addSql(`create table "search"."audit_entry" ("id" uuid not null, "tenant_id" uuid null, "entity_type" text not null, "entity_id" text not null, "operation" text not null, "changes" jsonb not null, "actor_id" uuid null, "request_id" text null, "created_at" timestamptz not null default now(), primary key ("id"));`);
    this.addSql(`create index "audit_entry_created_at_index" on "search"."audit_entry" ("created_at");`);
    this.addSql(`create index "audit_entry_tenant_id_created_at_index" on "search"."audit_entry" ("tenant_id", "created_at");`);
    this.addSql(`create index "audit_entry_tenant_id_entity_type_entity_id_index" on "search"."audit_entry" ("tenant_id", "entity_type", "entity_id");`);

    this.addSql(`create table "search"."search_entry" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "tenant_id" uuid not null, "kind" text not null, "ref_id" uuid not null, "title" text not null, "body" text not null, "language" text not null default 'simple', "created_by_id" uuid null, primary key ("id"));`);
    this.addSql(`create index "search_entry_tenant_id_index" on "search"."search_entry" ("tenant_id");`);
    this.addSql(`create index "search_entry_fts_index" on "search"."search_entry" using gin (to_tsvector('simple', "title" || ' ' || "body"));`);
    this.addSql(`alter table "search"."search_entry" add constraint "search_entry_tenant_id_kind_ref_id_unique" unique ("tenant_id", "kind", "ref_id");`);

    this.addSql(`alter table "search"."audit_entry" add constraint "audit_entry_operation_check" check ("operation" in ('create', 'update', 'delete'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "search"."audit_entry" cascade;`);
    this.addSql(`drop table if exists "search"."search_entry" cascade;`);

    this.addSql(`drop schema if exists "search";`);
  }

}
