import { Migration } from '@mikro-orm/migrations';

export class Migration20261205043558_signatures extends Migration {

  override name = 'Migration20261205043558_signatures';

  override up(): void | Promise<void> {
    this.addSql(`create table "document"."document_signature" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "tenant_id" uuid not null, "document_id" uuid not null, "signer_id" uuid not null, "reason" text not null, "key_id" text not null, "sha256" text not null, "signature" text not null, primary key ("id"));`);
    this.addSql(`create index "document_signature_tenant_id_index" on "document"."document_signature" ("tenant_id");`);
    this.addSql(`create index "document_signature_tenant_id_document_id_index" on "document"."document_signature" ("tenant_id", "document_id");`);

    this.addSql(`create table "document"."document_signing_key" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "kid" text not null, "public_key_pem" text not null, "private_key_encrypted" text not null, primary key ("id"));`);
    this.addSql(`alter table "document"."document_signing_key" add constraint "document_signing_key_kid_unique" unique ("kid");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "document"."document_signature" cascade;`);
    this.addSql(`drop table if exists "document"."document_signing_key" cascade;`);
  }

}
