import { Migration } from '@mikro-orm/migrations';

export class Migration20261122200524_init extends Migration {

  override name = 'Migration20261122200524_init';

  override up(): void | Promise<void> {
    this.addSql(`create schema if not exists "finance";`);
    this.addSql(`create table "finance"."audit_entry" ("id" uuid not null, "tenant_id" uuid null, "entity_type" text not null, "entity_id" text not null, "operation" text not null, "changes" jsonb not null, "actor_id" uuid null, "request_id" text null, "created_at" timestamptz not null default now(), primary key ("id"));`);
    this.addSql(`create index "audit_entry_created_at_index" on "finance"."audit_entry" ("created_at");`);
    this.addSql(`create index "audit_entry_tenant_id_created_at_index" on "finance"."audit_entry" ("tenant_id", "created_at");`);
    this.addSql(`create index "audit_entry_tenant_id_entity_type_entity_id_index" on "finance"."audit_entry" ("tenant_id", "entity_type", "entity_id");`);

    this.addSql(`create table "finance"."invoice" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "tenant_id" uuid not null, "number" text not null, "customer_name" text not null, "currency" text not null, "total_minor" bigint not null, "status" text not null default 'draft', "due_date" timestamptz null, "owner_id" uuid not null, primary key ("id"));`);
    this.addSql(`create index "invoice_tenant_id_index" on "finance"."invoice" ("tenant_id");`);
    this.addSql(`create index "invoice_owner_id_index" on "finance"."invoice" ("owner_id");`);
    this.addSql(`alter table "finance"."invoice" add constraint "invoice_tenant_id_number_unique" unique ("tenant_id", "number");`);

    this.addSql(`alter table "finance"."audit_entry" add constraint "audit_entry_operation_check" check ("operation" in ('create', 'update', 'delete'));`);

    this.addSql(`alter table "finance"."invoice" add constraint "invoice_status_check" check ("status" in ('draft', 'issued', 'paid', 'void'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "finance"."audit_entry" cascade;`);
    this.addSql(`drop table if exists "finance"."invoice" cascade;`);

    this.addSql(`drop schema if exists "finance";`);
  }

}
