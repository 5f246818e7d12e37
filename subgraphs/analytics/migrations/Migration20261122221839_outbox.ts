import { Migration } from '@mikro-orm/migrations';

export class Migration20261122221839_outbox extends Migration {

  override name = 'Migration20261122221839_outbox';

  override up(): void | Promise<void> {
    this.addSql(`create table "analytics"."outbox_event" ("id" uuid not null, "type" text not null, "entity_type" text not null, "entity_id" text not null, "tenant_id" uuid null, "actor_id" uuid null, "correlation_id" text null, "payload" jsonb not null, "occurred_at" timestamptz not null default now(), "published_at" timestamptz null, primary key ("id"));`);
    this.addSql(`create index "outbox_event_unpublished_idx" on "analytics"."outbox_event" ("id") where "published_at" is null;`);

    this.addSql(`create table "analytics"."processed_event" ("consumer" text not null, "event_id" uuid not null, "processed_at" timestamptz not null default now(), primary key ("consumer", "event_id"));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "analytics"."outbox_event" cascade;`);
    this.addSql(`drop table if exists "analytics"."processed_event" cascade;`);
  }

}
