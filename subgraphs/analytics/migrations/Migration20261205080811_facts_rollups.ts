import { Migration } from '@mikro-orm/migrations';

export class Migration20261205080811_facts_rollups extends Migration {

  override name = 'Migration20261205080811_facts_rollups';

  override up(): void | Promise<void> {
    this.addSql(`create table "analytics"."fact_batch" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "tenant_id" uuid not null, "accepted" int not null, "duplicates" int not null, "fact_types" jsonb not null, "actor_id" uuid null, primary key ("id"));`);
    this.addSql(`create index "fact_batch_tenant_id_index" on "analytics"."fact_batch" ("tenant_id");`);

    this.addSql(`create table "analytics"."fact_rollup" ("tenant_id" uuid not null, "name" text not null, "hour" timestamptz not null, "dimensions_hash" text not null, "dimensions" jsonb not null, "count" bigint not null, "measures" jsonb not null, primary key ("tenant_id", "name", "hour", "dimensions_hash"));`);

    this.addSql(`create table "analytics"."fact_rollup_dirty" ("tenant_id" uuid not null, "name" text not null, "hour" timestamptz not null, "marked_at" timestamptz not null, primary key ("tenant_id", "name", "hour"));`);

    this.addSql(`alter table "analytics"."analytics_event" add "event_key" text null, add "dimensions" jsonb not null default '{}', add "measures" jsonb not null default '{}';`);
    // Facts from before: their id is their key; their text and boolean properties become dimensions,
    // their numbers measures (as ingestion does now); every hour they fall in is to be rolled up.
    this.addSql(`update "analytics"."analytics_event" set
      "event_key" = coalesce("properties" ->> 'eventId', "id"::text),
      "dimensions" = coalesce((select jsonb_object_agg("key", "value" #>> '{}') from jsonb_each("properties") where jsonb_typeof("value") in ('string', 'boolean') and "key" <> 'entityId' and "key" <> 'eventId'), '{}'),
      "measures" = coalesce((select jsonb_object_agg("key", "value") from jsonb_each("properties") where jsonb_typeof("value") = 'number'), '{}');`);
    this.addSql(`alter table "analytics"."analytics_event" alter column "event_key" set not null;`);
    this.addSql(`insert into "analytics"."fact_rollup_dirty" ("tenant_id", "name", "hour", "marked_at")
      select distinct "tenant_id", "name", date_trunc('hour', "occurred_at" at time zone 'UTC') at time zone 'UTC', now() from "analytics"."analytics_event";`);
    this.addSql(`alter table "analytics"."analytics_event" add constraint "analytics_event_tenant_id_event_key_unique" unique ("tenant_id", "event_key");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "analytics"."fact_batch" cascade;`);
    this.addSql(`drop table if exists "analytics"."fact_rollup" cascade;`);
    this.addSql(`drop table if exists "analytics"."fact_rollup_dirty" cascade;`);

    this.addSql(`alter table "analytics"."analytics_event" drop constraint "analytics_event_tenant_id_event_key_unique";`);
    this.addSql(`alter table "analytics"."analytics_event" drop column "event_key", drop column "dimensions", drop column "measures";`);
  }

}
