import { Migration } from '@mikro-orm/migrations';

export class Migration20261205040839_templates extends Migration {

  override name = 'Migration20261205040839_templates';

  override up(): void | Promise<void> {
    this.addSql(`create table "document"."document_template" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "tenant_id" uuid not null, "name" text not null, "latest_version" int not null, primary key ("id"));`);
    this.addSql(`create index "document_template_tenant_id_index" on "document"."document_template" ("tenant_id");`);
    this.addSql(`alter table "document"."document_template" add constraint "document_template_tenant_id_name_unique" unique ("tenant_id", "name");`);

    this.addSql(`create table "document"."template_version" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "tenant_id" uuid not null, "template_id" uuid not null, "version" int not null, "body" text not null, primary key ("id"));`);
    this.addSql(`create index "template_version_tenant_id_index" on "document"."template_version" ("tenant_id");`);
    this.addSql(`create index "template_version_tenant_id_template_id_index" on "document"."template_version" ("tenant_id", "template_id");`);
    this.addSql(`alter table "document"."template_version" add constraint "template_version_template_id_version_unique" unique ("template_id", "version");`);

    this.addSql(`alter table "document"."document" add "template_version_id" uuid null, add "generation_status" text null, add "generation_error" text null, add "file_key" text null, add "file_size" bigint null, add "file_sha256" text null;`);
    this.addSql(`alter table "document"."document" add constraint "document_generation_status_check" check ("generation_status" in ('pending', 'ready', 'failed'));`);

    this.addSql(`create or replace function "document"."template_version_template_version_no_update_fn"() returns trigger as \$\$ begin raise exception 'template versions are immutable (template %, version %)', old.template_id, old.version; end; \$\$ language plpgsql;`);
    this.addSql(`create trigger "template_version_no_update" BEFORE UPDATE on "document"."template_version" for each ROW execute function "document"."template_version_template_version_no_update_fn"();`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "document"."document_template" cascade;`);
    this.addSql(`drop trigger if exists "template_version_no_update" on "document"."template_version";`);
    this.addSql(`drop function if exists "document"."template_version_template_version_no_update_fn"();`);
    this.addSql(`drop table if exists "document"."template_version" cascade;`);

    this.addSql(`alter table "document"."document" drop constraint "document_generation_status_check";`);
    this.addSql(`alter table "document"."document" drop column "template_version_id", drop column "generation_status", drop column "generation_error", drop column "file_key", drop column "file_size", drop column "file_sha256";`);
  }

}
