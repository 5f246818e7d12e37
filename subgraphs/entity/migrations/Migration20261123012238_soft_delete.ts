import { Migration } from '@mikro-orm/migrations';

/** Re-creates every unique-field index of entity_record with the predicate `predicate` makes of its current one (`pred`). */
function uniqueIndexesWith(predicate: string): string {
  return `do $$ declare i record; begin
    for i in select c.relname, pg_get_indexdef(x.indexrelid) as def, pg_get_expr(x.indpred, x.indrelid) as pred
      from pg_index x join pg_class c on c.oid = x.indexrelid join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'entity' and c.relname like 'entity\\_record\\_unique\\_%'
    loop
      execute format('drop index "entity".%I', i.relname);
      execute split_part(i.def, ' WHERE ', 1) || ' WHERE ' || ${predicate};
    end loop; end $$;`;
}

export class Migration20261123012238_soft_delete extends Migration {

  override name = 'Migration20261123012238_soft_delete';

  override up(): void | Promise<void> {
    this.addSql(`alter table "entity"."entity_record" add "deleted_at" timestamptz null;`);
    this.addSql(`create index "entity_record_deleted_index" on "entity"."entity_record" ("tenant_id", "deleted_at") where "deleted_at" is not null;`);
    // A record in the bin no longer holds its unique values: the fields' unique indexes (made at
    // run time, see record-data.ts) cover live records only. Restoring one whose value was
    // taken meanwhile is a CONFLICT.
    this.addSql(uniqueIndexesWith(`'(' || i.pred || ') AND deleted_at IS NULL'`));
  }

  override down(): void | Promise<void> {
    this.addSql(uniqueIndexesWith(`regexp_replace(i.pred, '\\s+AND \\(deleted_at IS NULL\\)', '')`));
    this.addSql(`drop index "entity"."entity_record_deleted_index";`);
    this.addSql(`alter table "entity"."entity_record" drop column "deleted_at";`);
  }

}
