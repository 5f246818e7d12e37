import { Migration } from '@mikro-orm/migrations';

export class Migration20261205032201_query_indexes extends Migration {

  override name = 'Migration20261205032201_query_indexes';

  override up(): void | Promise<void> {
    this.addSql(`create index "entity_record_data_index" on "entity"."entity_record" using gin ("data" jsonb_path_ops);`);
    this.addSql(`create index "entity_record_updated_index" on "entity"."entity_record" ("tenant_id", "type", "updated_at", "id") where "deleted_at" is null;`);
    this.addSql(`create index "entity_record_created_index" on "entity"."entity_record" ("tenant_id", "type", "created_at", "id") where "deleted_at" is null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index "entity"."entity_record_data_index";`);
    this.addSql(`drop index "entity"."entity_record_updated_index";`);
    this.addSql(`drop index "entity"."entity_record_created_index";`);
  }

}
