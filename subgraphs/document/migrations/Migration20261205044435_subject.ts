import { Migration } from '@mikro-orm/migrations';

export class Migration20261205044435_subject extends Migration {

  override name = 'Migration20261205044435_subject';

  override up(): void | Promise<void> {
    this.addSql(`alter table "document"."document" add "subject_record_id" uuid null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "document"."document" drop column "subject_record_id";`);
  }

}
