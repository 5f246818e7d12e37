import { Migration } from '@mikro-orm/migrations';

export class Migration20261205044118_signing_requests extends Migration {

  override name = 'Migration20261205044118_signing_requests';

  override up(): void | Promise<void> {
    this.addSql(`create table "document"."signing_request" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "tenant_id" uuid not null, "document_id" uuid not null, "requester_id" uuid not null, "signer_id" uuid not null, "message" text not null, "status" text not null default 'PENDING', "decline_reason" text null, "signature_id" uuid null, "answered_at" timestamptz null, primary key ("id"));`);
    this.addSql(`create index "signing_request_tenant_id_index" on "document"."signing_request" ("tenant_id");`);
    this.addSql(`create index "signing_request_tenant_id_document_id_index" on "document"."signing_request" ("tenant_id", "document_id");`);
    this.addSql(`create index "signing_request_tenant_id_signer_id_status_index" on "document"."signing_request" ("tenant_id", "signer_id", "status");`);

    this.addSql(`alter table "document"."signing_request" add constraint "signing_request_status_check" check ("status" in ('PENDING', 'SIGNED', 'DECLINED'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "document"."signing_request" cascade;`);
  }

}
