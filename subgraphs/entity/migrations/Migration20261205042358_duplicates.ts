import { Migration } from '@mikro-orm/migrations';

export class Migration20261205042358_duplicates extends Migration {

  override name = 'Migration20261205042358_duplicates';

  override up(): void | Promise<void> {
    // Trigram similarity for FUZZY match rules; in public, where every subgraph's schema can use it.
    // Subgraphs migrate concurrently against one database: two "if not exists" can still race, so the loser's error is swallowed.
    this.addSql(`do $$ begin create extension if not exists pg_trgm schema public; exception when unique_violation or duplicate_object then null; end $$;`);
    this.addSql(`create table "entity"."match_rule" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "tenant_id" uuid not null, "type" text not null, "field" text not null, "kind" text not null, "threshold" double precision not null, primary key ("id"));`);
    this.addSql(`create index "match_rule_tenant_id_index" on "entity"."match_rule" ("tenant_id");`);
    this.addSql(`create index "match_rule_tenant_id_type_index" on "entity"."match_rule" ("tenant_id", "type");`);

    this.addSql(`alter table "entity"."entity_record" add "merged_into" uuid null;`);

    this.addSql(`alter table "entity"."match_rule" add constraint "match_rule_kind_check" check ("kind" in ('EXACT', 'EMAIL', 'PHONE', 'FUZZY'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "entity"."match_rule" cascade;`);

    this.addSql(`alter table "entity"."entity_record" drop column "merged_into";`);
  }

}
