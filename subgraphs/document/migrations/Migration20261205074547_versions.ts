import { Migration } from '@mikro-orm/migrations';

export class Migration20261205074547_versions extends Migration {

  override name = 'Migration20261205074547_versions';

  override up(): void | Promise<void> {
    this.addSql(`create table "document"."document_upload" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "tenant_id" uuid not null, "document_id" uuid null, "title" text null, "file_name" text not null, "mime_type" text not null, "created_by" uuid not null, "claimed_at" timestamptz null, "version" int null, primary key ("id"));`);
    this.addSql(`create index "document_upload_tenant_id_index" on "document"."document_upload" ("tenant_id");`);

    this.addSql(`create table "document"."document_version" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "tenant_id" uuid not null, "document_id" uuid not null, "version" int not null, "source" text not null, "file_key" text not null, "file_name" text not null, "mime_type" text not null, "size" bigint not null, "sha256" text not null, "template_version_id" uuid null, "restored_from" int null, "created_by" uuid null, primary key ("id"));`);
    this.addSql(`create index "document_version_tenant_id_index" on "document"."document_version" ("tenant_id");`);
    this.addSql(`create index "document_version_tenant_id_document_id_index" on "document"."document_version" ("tenant_id", "document_id");`);
    this.addSql(`alter table "document"."document_version" add constraint "document_version_document_id_version_unique" unique ("document_id", "version");`);

    this.addSql(`alter table "document"."document" add "subject_invoice_id" uuid null, add "current_version" int null;`);

    this.addSql(`alter table "document"."document_signature" add "version" int null;`);

    this.addSql(`alter table "document"."document_version" add constraint "document_version_source_check" check ("source" in ('generated', 'uploaded', 'merged', 'packaged', 'restored'));`);
    this.addSql(`create or replace function "document"."document_version_document_version_no_update_fn"() returns trigger as \$\$ begin raise exception 'document versions are immutable (document %, version %)', old.document_id, old.version; end; \$\$ language plpgsql;`);
    this.addSql(`create trigger "document_version_no_update" BEFORE UPDATE on "document"."document_version" for each ROW execute function "document"."document_version_document_version_no_update_fn"();`);

    // Files made before versions existed become version 1 of their document, and their signatures signed it.
    this.addSql(`insert into "document"."document_version" ("id", "created_at", "updated_at", "tenant_id", "document_id", "version", "source", "file_key", "file_name", "mime_type", "size", "sha256", "template_version_id", "created_by")
      select gen_random_uuid(), "updated_at", "updated_at", "tenant_id", "id", 1, case when "template_version_id" is null then 'merged' else 'generated' end,
        "file_key", "title" || '.pdf', "mime_type", "file_size", "file_sha256", "template_version_id", "owner_id"
      from "document"."document" where "file_key" is not null;`);
    this.addSql(`update "document"."document" set "current_version" = 1 where "file_key" is not null;`);
    this.addSql(`update "document"."document_signature" set "version" = 1;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "document"."document_upload" cascade;`);
    this.addSql(`drop trigger if exists "document_version_no_update" on "document"."document_version";`);
    this.addSql(`drop function if exists "document"."document_version_document_version_no_update_fn"();`);
    this.addSql(`drop table if exists "document"."document_version" cascade;`);

    this.addSql(`alter table "document"."document" drop column "subject_invoice_id", drop column "current_version";`);

    this.addSql(`alter table "document"."document_signature" drop column "version";`);
  }

}
