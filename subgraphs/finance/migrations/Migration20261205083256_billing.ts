import { Migration } from '@mikro-orm/migrations';

export class Migration20261205083256_billing extends Migration {

  override name = 'Migration20261205083256_billing';

  override up(): void | Promise<void> {
    this.addSql(`create table "finance"."customer" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "tenant_id" uuid not null, "name" text not null, "email" text null, "currency" text not null, "tax_jurisdiction" text null, "entity_record_id" uuid null, primary key ("id"));`);
    this.addSql(`create index "customer_tenant_id_index" on "finance"."customer" ("tenant_id");`);
    this.addSql(`create index "customer_tenant_id_name_index" on "finance"."customer" ("tenant_id", "name");`);

    this.addSql(`create table "finance"."number_sequence" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "tenant_id" uuid not null, "series" text not null, "last" int not null default 0, primary key ("id"));`);
    this.addSql(`create index "number_sequence_tenant_id_index" on "finance"."number_sequence" ("tenant_id");`);
    this.addSql(`alter table "finance"."number_sequence" add constraint "number_sequence_tenant_id_series_unique" unique ("tenant_id", "series");`);

    this.addSql(`create table "finance"."price" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "tenant_id" uuid not null, "product_id" uuid not null, "currency" text not null, "type" text not null, "scheme" text not null, "unit_amount_minor" bigint null, "tiers" jsonb null, "interval" text null, "interval_count" int not null default 1, "active" boolean not null default true, primary key ("id"));`);
    this.addSql(`create index "price_tenant_id_index" on "finance"."price" ("tenant_id");`);
    this.addSql(`create index "price_tenant_id_product_id_index" on "finance"."price" ("tenant_id", "product_id");`);

    this.addSql(`create table "finance"."product" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "tenant_id" uuid not null, "name" text not null, "tax_category" text not null default 'standard', "active" boolean not null default true, primary key ("id"));`);
    this.addSql(`create index "product_tenant_id_index" on "finance"."product" ("tenant_id");`);

    this.addSql(`create table "finance"."quote" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "tenant_id" uuid not null, "customer_id" uuid null, "currency" text not null, "lines" jsonb not null default '[]', "discount_minor" bigint not null default '0', "document_discount_minor" bigint not null default '0', "subtotal_minor" bigint not null default '0', "tax_minor" bigint not null default '0', "tax_lines" jsonb not null default '[]', "total_minor" bigint not null, "tax_inclusive" boolean not null default false, "tax_rounding" text not null default 'LINE', "number" text not null, "status" text not null default 'draft', "valid_until" timestamptz null, "invoice_id" uuid null, "owner_id" uuid not null, primary key ("id"));`);
    this.addSql(`create index "quote_tenant_id_index" on "finance"."quote" ("tenant_id");`);
    this.addSql(`create index "quote_customer_id_index" on "finance"."quote" ("customer_id");`);
    this.addSql(`alter table "finance"."quote" add constraint "quote_tenant_id_number_unique" unique ("tenant_id", "number");`);

    this.addSql(`create table "finance"."tax_rate" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "tenant_id" uuid not null, "name" text not null, "jurisdiction" text not null, "category" text not null default 'standard', "rate_ppm" int not null, "active" boolean not null default true, primary key ("id"));`);
    this.addSql(`create index "tax_rate_tenant_id_index" on "finance"."tax_rate" ("tenant_id");`);
    this.addSql(`create index "tax_rate_tenant_id_category_jurisdiction_index" on "finance"."tax_rate" ("tenant_id", "category", "jurisdiction");`);

    this.addSql(`alter table "finance"."invoice" drop constraint "invoice_status_check";`);
    this.addSql(`alter table "finance"."invoice" add "customer_id" uuid null, add "lines" jsonb not null default '[]', add "discount_minor" bigint not null default '0', add "document_discount_minor" bigint not null default '0', add "subtotal_minor" bigint not null default '0', add "tax_minor" bigint not null default '0', add "tax_lines" jsonb not null default '[]', add "tax_inclusive" boolean not null default false, add "tax_rounding" text not null default 'LINE', add "issued_at" timestamptz null, add "quote_id" uuid null;`);
    this.addSql(`create index "invoice_customer_id_index" on "finance"."invoice" ("customer_id");`);
    this.addSql(`alter table "finance"."invoice" add constraint "invoice_tax_rounding_check" check ("tax_rounding" in ('LINE', 'INVOICE'));`);
    this.addSql(`alter table "finance"."invoice" add constraint "invoice_status_check" check ("status" in ('draft', 'issued', 'paid', 'void', 'uncollectible'));`);

    // Invoices from before lines have no tax: their subtotal is their total. The invoice series
    // continues after the highest number already given, so numbers stay unique and without gaps.
    this.addSql(`update "finance"."invoice" set "subtotal_minor" = "total_minor";`);
    this.addSql(`insert into "finance"."number_sequence" ("id", "tenant_id", "series", "last") select gen_random_uuid(), "tenant_id", 'invoice', max(substring("number" from 5)::int) from "finance"."invoice" where "number" ~ '^INV-[0-9]+$' group by "tenant_id";`);

    this.addSql(`alter table "finance"."price" add constraint "price_type_check" check ("type" in ('ONE_OFF', 'RECURRING'));`);
    this.addSql(`alter table "finance"."price" add constraint "price_scheme_check" check ("scheme" in ('PER_UNIT', 'TIERED', 'VOLUME'));`);
    this.addSql(`alter table "finance"."price" add constraint "price_interval_check" check ("interval" in ('DAY', 'WEEK', 'MONTH', 'YEAR'));`);

    this.addSql(`alter table "finance"."quote" add constraint "quote_tax_rounding_check" check ("tax_rounding" in ('LINE', 'INVOICE'));`);
    this.addSql(`alter table "finance"."quote" add constraint "quote_status_check" check ("status" in ('draft', 'sent', 'accepted', 'invoiced'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "finance"."customer" cascade;`);
    this.addSql(`drop table if exists "finance"."number_sequence" cascade;`);
    this.addSql(`drop table if exists "finance"."price" cascade;`);
    this.addSql(`drop table if exists "finance"."product" cascade;`);
    this.addSql(`drop table if exists "finance"."quote" cascade;`);
    this.addSql(`drop table if exists "finance"."tax_rate" cascade;`);

    this.addSql(`drop index "finance"."invoice_customer_id_index";`);
    this.addSql(`alter table "finance"."invoice" drop constraint "invoice_tax_rounding_check";`);
    this.addSql(`alter table "finance"."invoice" drop constraint "invoice_status_check";`);
    this.addSql(`alter table "finance"."invoice" drop column "customer_id", drop column "lines", drop column "discount_minor", drop column "document_discount_minor", drop column "subtotal_minor", drop column "tax_minor", drop column "tax_lines", drop column "tax_inclusive", drop column "tax_rounding", drop column "issued_at", drop column "quote_id";`);
    this.addSql(`alter table "finance"."invoice" add constraint "invoice_status_check" check ("status" in ('draft', 'issued', 'paid', 'void'));`);
  }

}
