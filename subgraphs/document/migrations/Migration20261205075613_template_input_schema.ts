import { Migration } from '@mikro-orm/migrations';

export class Migration20261205075613_template_input_schema extends Migration {

  override name = 'Migration20261205075613_template_input_schema';

  override up(): void | Promise<void> {
    this.addSql(`alter table "document"."template_version" add "input_schema" jsonb null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "document"."template_version" drop column "input_schema";`);
  }

}
