import { Migration } from '@mikro-orm/migrations';

export class Migration20261205075117_tenant_signing_keys extends Migration {

  override name = 'Migration20261205075117_tenant_signing_keys';

  override up(): void | Promise<void> {
    this.addSql(`alter table "document"."document_signing_key" add "tenant_id" uuid null;`);
    this.addSql(`create index "document_signing_key_tenant_id_created_at_index" on "document"."document_signing_key" ("tenant_id", "created_at");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index "document"."document_signing_key_tenant_id_created_at_index";`);
    this.addSql(`alter table "document"."document_signing_key" drop column "tenant_id";`);
  }

}
