import { Migration } from '@mikro-orm/migrations';

export class Migration20261205084431_payments extends Migration {

  override name = 'Migration20261205084431_payments';

  override up(): void | Promise<void> {
    this.addSql(`create table "finance"."credit_note" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "tenant_id" uuid not null, "invoice_id" uuid not null, "currency" text not null, "amount_minor" bigint not null, "number" text not null, "tax_minor" bigint not null, "reason" text null, primary key ("id"));`);
    this.addSql(`create index "credit_note_tenant_id_index" on "finance"."credit_note" ("tenant_id");`);
    this.addSql(`create index "credit_note_invoice_id_index" on "finance"."credit_note" ("invoice_id");`);
    this.addSql(`alter table "finance"."credit_note" add constraint "credit_note_tenant_id_number_unique" unique ("tenant_id", "number");`);

    this.addSql(`create table "finance"."idempotency_key" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "tenant_id" uuid not null, "key" text not null, "operation" text not null, "request_hash" text not null, "result_id" uuid null, primary key ("id"));`);
    this.addSql(`create index "idempotency_key_tenant_id_index" on "finance"."idempotency_key" ("tenant_id");`);
    this.addSql(`alter table "finance"."idempotency_key" add constraint "idempotency_key_tenant_id_key_unique" unique ("tenant_id", "key");`);

    this.addSql(`create table "finance"."ledger_entry" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "tenant_id" uuid not null, "transaction_id" uuid not null, "account" text not null, "currency" text not null, "debit_minor" bigint not null default '0', "credit_minor" bigint not null default '0', "source_type" text not null, "source_id" uuid not null, primary key ("id"));`);
    this.addSql(`create index "ledger_entry_tenant_id_index" on "finance"."ledger_entry" ("tenant_id");`);
    this.addSql(`create index "ledger_entry_tenant_id_source_id_index" on "finance"."ledger_entry" ("tenant_id", "source_id");`);
    this.addSql(`create index "ledger_entry_tenant_id_account_index" on "finance"."ledger_entry" ("tenant_id", "account");`);

    this.addSql(`create table "finance"."payment" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "tenant_id" uuid not null, "invoice_id" uuid not null, "currency" text not null, "amount_minor" bigint not null, "provider" text not null, "provider_ref" text not null, "refunded_minor" bigint not null default '0', "status" text not null, primary key ("id"));`);
    this.addSql(`create index "payment_tenant_id_index" on "finance"."payment" ("tenant_id");`);
    this.addSql(`create index "payment_invoice_id_index" on "finance"."payment" ("invoice_id");`);
    this.addSql(`create index "payment_provider_ref_index" on "finance"."payment" ("provider_ref");`);

    this.addSql(`create table "finance"."refund" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "tenant_id" uuid not null, "invoice_id" uuid not null, "currency" text not null, "amount_minor" bigint not null, "payment_id" uuid not null, "provider_ref" text not null, "reason" text null, primary key ("id"));`);
    this.addSql(`create index "refund_tenant_id_index" on "finance"."refund" ("tenant_id");`);
    this.addSql(`create index "refund_invoice_id_index" on "finance"."refund" ("invoice_id");`);
    this.addSql(`create index "refund_payment_id_index" on "finance"."refund" ("payment_id");`);

    this.addSql(`alter table "finance"."invoice" add "amount_paid_minor" bigint not null default '0', add "credited_minor" bigint not null default '0';`);

    this.addSql(`alter table "finance"."payment" add constraint "payment_status_check" check ("status" in ('pending', 'succeeded', 'failed'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "finance"."credit_note" cascade;`);
    this.addSql(`drop table if exists "finance"."idempotency_key" cascade;`);
    this.addSql(`drop table if exists "finance"."ledger_entry" cascade;`);
    this.addSql(`drop table if exists "finance"."payment" cascade;`);
    this.addSql(`drop table if exists "finance"."refund" cascade;`);

    this.addSql(`alter table "finance"."invoice" drop column "amount_paid_minor", drop column "credited_minor";`);
  }

}
