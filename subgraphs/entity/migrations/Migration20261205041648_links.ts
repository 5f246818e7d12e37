import { Migration } from '@mikro-orm/migrations';

export class Migration20261205041648_links extends Migration {

  override name = 'Migration20261205041648_links';

  override up(): void | Promise<void> {
    this.addSql(`create table "entity"."record_link" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "tenant_id" uuid not null, "relation_type_id" uuid not null, "from_id" uuid not null, "to_id" uuid not null, "properties" jsonb not null default '{}', primary key ("id"));`);
    this.addSql(`create index "record_link_tenant_id_index" on "entity"."record_link" ("tenant_id");`);
    this.addSql(`create index "record_link_tenant_id_to_id_relation_type_id_index" on "entity"."record_link" ("tenant_id", "to_id", "relation_type_id");`);
    this.addSql(`create index "record_link_tenant_id_from_id_relation_type_id_index" on "entity"."record_link" ("tenant_id", "from_id", "relation_type_id");`);
    this.addSql(`alter table "entity"."record_link" add constraint "record_link_relation_type_id_from_id_to_id_unique" unique ("relation_type_id", "from_id", "to_id");`);

    this.addSql(`create table "entity"."relation_type" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "tenant_id" uuid not null, "name" text not null, "inverse_name" text not null, "from_type" text not null, "to_type" text not null, "cardinality" text not null, primary key ("id"));`);
    this.addSql(`create index "relation_type_tenant_id_index" on "entity"."relation_type" ("tenant_id");`);
    this.addSql(`alter table "entity"."relation_type" add constraint "relation_type_tenant_id_name_unique" unique ("tenant_id", "name");`);

    this.addSql(`alter table "entity"."relation_type" add constraint "relation_type_cardinality_check" check ("cardinality" in ('ONE_TO_ONE', 'ONE_TO_MANY', 'MANY_TO_MANY'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "entity"."record_link" cascade;`);
    this.addSql(`drop table if exists "entity"."relation_type" cascade;`);
  }

}
