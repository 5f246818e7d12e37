import { Migration } from '@mikro-orm/migrations';

export class Migration20261205115358_subscriptions extends Migration {

  override name = 'Migration20261205115358_subscriptions';

  override up(): void | Promise<void> {
    this.addSql(`create table "finance"."billing_period" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "tenant_id" uuid not null, "subscription_id" uuid not null, "period_start" timestamptz not null, "period_end" timestamptz not null, "invoice_id" uuid null, primary key ("id"));`);
    this.addSql(`create index "billing_period_tenant_id_index" on "finance"."billing_period" ("tenant_id");`);
    this.addSql(`alter table "finance"."billing_period" add constraint "billing_period_subscription_id_period_start_unique" unique ("subscription_id", "period_start");`);

    this.addSql(`create table "finance"."billing_subscription" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "tenant_id" uuid not null, "customer_id" uuid not null, "currency" text not null, "interval" text not null, "interval_count" int not null, "items" jsonb not null, "status" text not null, "started_at" timestamptz not null, "current_period_start" timestamptz not null, "current_period_end" timestamptz not null, "trial_end" timestamptz null, "cancel_at_period_end" boolean not null default false, "canceled_at" timestamptz null, "ended_at" timestamptz null, "pending_proration" jsonb not null default '[]', "owner_id" uuid not null, primary key ("id"));`);
    this.addSql(`create index "billing_subscription_tenant_id_index" on "finance"."billing_subscription" ("tenant_id");`);
    this.addSql(`create index "billing_subscription_customer_id_index" on "finance"."billing_subscription" ("customer_id");`);
    this.addSql(`create index "billing_subscription_status_current_period_end_index" on "finance"."billing_subscription" ("status", "current_period_end");`);

    this.addSql(`create table "finance"."meter" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "tenant_id" uuid not null, "key" text not null, "name" text not null, "aggregation" text not null, primary key ("id"));`);
    this.addSql(`create index "meter_tenant_id_index" on "finance"."meter" ("tenant_id");`);
    this.addSql(`alter table "finance"."meter" add constraint "meter_tenant_id_key_unique" unique ("tenant_id", "key");`);

    this.addSql(`create table "finance"."usage_batch" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "tenant_id" uuid not null, "accepted" int not null, "duplicates" int not null, "meter_keys" text[] not null, primary key ("id"));`);
    this.addSql(`create index "usage_batch_tenant_id_index" on "finance"."usage_batch" ("tenant_id");`);

    this.addSql(`create table "finance"."usage_event" ("id" bigserial primary key, "tenant_id" uuid not null, "event_id" text not null, "meter_key" text not null, "customer_id" uuid not null, "value" double precision not null, "unique_key" text null, "occurred_at" timestamptz not null, "received_at" timestamptz not null default now());`);
    this.addSql(`create index "usage_event_tenant_id_customer_id_meter_key_occurred_at_index" on "finance"."usage_event" ("tenant_id", "customer_id", "meter_key", "occurred_at");`);
    this.addSql(`alter table "finance"."usage_event" add constraint "usage_event_tenant_id_event_id_unique" unique ("tenant_id", "event_id");`);

    this.addSql(`alter table "finance"."invoice" add "subscription_id" uuid null;`);
    this.addSql(`create index "invoice_subscription_id_index" on "finance"."invoice" ("subscription_id");`);

    this.addSql(`alter table "finance"."price" add "meter_key" text null;`);

    this.addSql(`alter table "finance"."billing_subscription" add constraint "billing_subscription_interval_check" check ("interval" in ('DAY', 'WEEK', 'MONTH', 'YEAR'));`);
    this.addSql(`alter table "finance"."billing_subscription" add constraint "billing_subscription_status_check" check ("status" in ('TRIALING', 'ACTIVE', 'PAST_DUE', 'CANCELED'));`);

    this.addSql(`alter table "finance"."meter" add constraint "meter_aggregation_check" check ("aggregation" in ('SUM', 'COUNT', 'MAX', 'UNIQUE_COUNT'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "finance"."billing_period" cascade;`);
    this.addSql(`drop table if exists "finance"."billing_subscription" cascade;`);
    this.addSql(`drop table if exists "finance"."meter" cascade;`);
    this.addSql(`drop table if exists "finance"."usage_batch" cascade;`);
    this.addSql(`drop table if exists "finance"."usage_event" cascade;`);

    this.addSql(`drop index "finance"."invoice_subscription_id_index";`);
    this.addSql(`alter table "finance"."invoice" drop column "subscription_id";`);

    this.addSql(`alter table "finance"."price" drop column "meter_key";`);
  }

}
