import { Migration } from '@mikro-orm/migrations';

export class Migration20261205082658_dashboard_sharing extends Migration {

  override name = 'Migration20261205082658_dashboard_sharing';

  override up(): void | Promise<void> {
    this.addSql(`alter table "analytics"."dashboard" add "shared_with_roles" text[] not null default '{}';`);

    this.addSql(`alter table "analytics"."widget" add "position" jsonb null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "analytics"."dashboard" drop column "shared_with_roles";`);

    this.addSql(`alter table "analytics"."widget" drop column "position";`);
  }

}
