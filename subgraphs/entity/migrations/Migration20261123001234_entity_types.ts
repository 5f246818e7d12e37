import { Migration } from '@mikro-orm/migrations';

export class Migration20261123001234_entity_types extends Migration {

  override name = 'Migration20261123001234_entity_types';

  override up(): void | Promise<void> {
    this.addSql(`create table "entity"."entity_type" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "tenant_id" uuid not null, "name" text not null, "plural" text not null, "description" text not null default '', primary key ("id"));`);
    this.addSql(`create index "entity_type_tenant_id_index" on "entity"."entity_type" ("tenant_id");`);
    this.addSql(`alter table "entity"."entity_type" add constraint "entity_type_tenant_id_name_unique" unique ("tenant_id", "name");`);

    this.addSql(`create table "entity"."entity_field" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "tenant_id" uuid not null, "entity_type_id" uuid not null, "name" text not null, "kind" text not null, "position" int not null, "description" text not null default '', "required" boolean not null default false, "unique" boolean not null default false, "default_value" jsonb null, "min" double precision null, "max" double precision null, "pattern" text null, "options" jsonb null, "reference_type" text null, "deprecated" boolean not null default false, "deprecation_reason" text null, primary key ("id"));`);
    this.addSql(`create index "entity_field_tenant_id_index" on "entity"."entity_field" ("tenant_id");`);
    this.addSql(`alter table "entity"."entity_field" add constraint "entity_field_entity_type_id_name_unique" unique ("entity_type_id", "name");`);

    this.addSql(`alter table "entity"."entity_field" add constraint "entity_field_entity_type_id_foreign" foreign key ("entity_type_id") references "entity"."entity_type" ("id") on delete cascade;`);
    this.addSql(`alter table "entity"."entity_field" add constraint "entity_field_kind_check" check ("kind" in ('text', 'long_text', 'number', 'decimal', 'boolean', 'date', 'datetime', 'enum', 'email', 'url', 'phone', 'currency', 'json', 'record_reference', 'user_reference'));`);
  }

  override down(): void | Promise<void> {
    // The unique fields' indexes on entity_record are made at run time, one per field (see record-data.ts).
    this.addSql(`do $$ declare i record; begin for i in select indexname from pg_indexes where schemaname = 'entity' and indexname like 'entity\\_record\\_unique\\_%' loop execute format('drop index "entity".%I', i.indexname); end loop; end $$;`);
    this.addSql(`alter table "entity"."entity_field" drop constraint "entity_field_entity_type_id_foreign";`);

    this.addSql(`drop table if exists "entity"."entity_type" cascade;`);
    this.addSql(`drop table if exists "entity"."entity_field" cascade;`);
  }

}
