import { Migration } from '@mikro-orm/migrations';

export class Migration20261122191709_init extends Migration {

  override name = 'Migration20261122191709_init';

  override up(): void | Promise<void> {
    this.addSql(`create schema if not exists "identity";`);
    this.addSql(`create table "identity"."audit_entry" ("id" uuid not null, "tenant_id" uuid null, "entity_type" text not null, "entity_id" text not null, "operation" text not null, "changes" jsonb not null, "actor_id" uuid null, "request_id" text null, "created_at" timestamptz not null default now(), primary key ("id"));`);
    this.addSql(`create index "audit_entry_created_at_index" on "identity"."audit_entry" ("created_at");`);
    this.addSql(`create index "audit_entry_tenant_id_created_at_index" on "identity"."audit_entry" ("tenant_id", "created_at");`);
    this.addSql(`create index "audit_entry_tenant_id_entity_type_entity_id_index" on "identity"."audit_entry" ("tenant_id", "entity_type", "entity_id");`);

    this.addSql(`create table "identity"."tenant" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "name" text not null, "slug" text not null, primary key ("id"));`);
    this.addSql(`alter table "identity"."tenant" add constraint "tenant_slug_unique" unique ("slug");`);

    this.addSql(`create table "identity"."user_account" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "email" text not null, "display_name" text not null, "status" text not null default 'active', primary key ("id"));`);
    this.addSql(`alter table "identity"."user_account" add constraint "user_account_email_unique" unique ("email");`);

    this.addSql(`create table "identity"."membership" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "tenant_id" uuid not null, "user_id" uuid not null, "role" text not null, primary key ("id"));`);
    this.addSql(`create index "membership_tenant_id_index" on "identity"."membership" ("tenant_id");`);
    this.addSql(`alter table "identity"."membership" add constraint "membership_tenant_id_user_id_unique" unique ("tenant_id", "user_id");`);

    this.addSql(`alter table "identity"."audit_entry" add constraint "audit_entry_operation_check" check ("operation" in ('create', 'update', 'delete'));`);

    this.addSql(`alter table "identity"."user_account" add constraint "user_account_status_check" check ("status" in ('active', 'deactivated'));`);

    this.addSql(`alter table "identity"."membership" add constraint "membership_user_id_foreign" foreign key ("user_id") references "identity"."user_account" ("id") on delete cascade;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "identity"."membership" drop constraint "membership_user_id_foreign";`);

    this.addSql(`drop table if exists "identity"."audit_entry" cascade;`);
    this.addSql(`drop table if exists "identity"."tenant" cascade;`);
    this.addSql(`drop table if exists "identity"."user_account" cascade;`);
    this.addSql(`drop table if exists "identity"."membership" cascade;`);

    this.addSql(`drop schema if exists "identity";`);
  }

}
