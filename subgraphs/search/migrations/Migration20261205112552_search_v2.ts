import { Migration } from '@mikro-orm/migrations';

export class Migration20261205112552_search_v2 extends Migration {

  override name = 'Migration20261205112552_search_v2';

  override up(): void | Promise<void> {
    // Trigram similarity (typo correction, autocomplete); in public, where every subgraph's schema can use it.
    // Subgraphs migrate concurrently against one database: two "if not exists" can still race, so the loser's error is swallowed.
    this.addSql(`do $$ begin create extension if not exists pg_trgm schema public; exception when unique_violation or duplicate_object then null; end $$;`);
    this.addSql(`create table "search"."search_query" ("id" uuid not null, "tenant_id" uuid not null, "user_id" uuid null, "text" text not null, "filters" jsonb not null, "result_count" int not null, "latency_ms" double precision not null, "clicked_kind" text null, "clicked_ref_id" uuid null, "clicked_position" int null, "clicked_at" timestamptz null, "created_at" timestamptz not null default now(), primary key ("id"));`);
    this.addSql(`create index "search_query_tenant_id_created_at_index" on "search"."search_query" ("tenant_id", "created_at");`);

    this.addSql(`create table "search"."search_reindex" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "tenant_id" uuid not null, "kind" text null, "status" text not null default 'QUEUED', "processed" int not null default 0, "total" int null, "removed" int not null default 0, "error" text null, "finished_at" timestamptz null, primary key ("id"));`);
    this.addSql(`create index "search_reindex_tenant_id_index" on "search"."search_reindex" ("tenant_id");`);

    this.addSql(`create table "search"."search_settings" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "tenant_id" uuid not null, "language" text not null default 'simple', primary key ("id"));`);
    this.addSql(`create index "search_settings_tenant_id_index" on "search"."search_settings" ("tenant_id");`);
    this.addSql(`alter table "search"."search_settings" add constraint "search_settings_tenant_id_unique" unique ("tenant_id");`);

    this.addSql(`create table "search"."search_term" ("tenant_id" uuid not null, "term" text not null, primary key ("tenant_id", "term"));`);
    this.addSql(`create index "search_term_trgm_index" on "search"."search_term" using gin ("term" public.gin_trgm_ops);`);

    this.addSql(`drop index "search"."search_entry_fts_index";`);
    this.addSql(`alter table "search"."search_entry" add "status" text null, add "tags" text[] not null default '{}', add "occurred_at" timestamptz not null default now(), add "amount" double precision null, add "vector" tsvector null;`);
    this.addSql(`create index "search_entry_tags_index" on "search"."search_entry" using gin ("tags");`);
    this.addSql(`create index "search_entry_tenant_id_occurred_at_index" on "search"."search_entry" ("tenant_id", "occurred_at");`);
    this.addSql(`create index "search_entry_vector_index" on "search"."search_entry" using gin ("vector");`);
    this.addSql(`create or replace function "search"."search_entry_search_entry_index_fn"() returns trigger as \$\$ begin if tg_op = 'UPDATE' and old.vector is not null and new.title is not distinct from old.title and new.body is not distinct from old.body
          and new.tags is not distinct from old.tags and new.language is not distinct from old.language then
          return new;         end if;         new.vector :=
          setweight(to_tsvector(new.language::regconfig, coalesce(new.title, '')), 'A') ||
          setweight(to_tsvector(new.language::regconfig, array_to_string(new.tags, ' ')), 'B') ||
          setweight(to_tsvector(new.language::regconfig, coalesce(new.body, '')), 'C');         insert into search.search_term (tenant_id, term)
          select distinct new.tenant_id, w.word
          from unnest(tsvector_to_array(to_tsvector('simple', new.title || ' ' || array_to_string(new.tags, ' ') || ' ' || new.body))) as w(word)
          where length(w.word) between 3 and 40
          order by 2
          on conflict do nothing;         return new; end; \$\$ language plpgsql;`);
    this.addSql(`create trigger "search_entry_index" BEFORE INSERT OR UPDATE on "search"."search_entry" for each ROW execute function "search"."search_entry_search_entry_index_fn"();`);

    this.addSql(`alter table "search"."search_reindex" add constraint "search_reindex_status_check" check ("status" in ('QUEUED', 'RUNNING', 'COMPLETED', 'FAILED'));`);
    // Entries indexed before this migration: parsed by the trigger now.
    this.addSql(`update "search"."search_entry" set "language" = "language";`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "search"."search_query" cascade;`);
    this.addSql(`drop table if exists "search"."search_reindex" cascade;`);
    this.addSql(`drop table if exists "search"."search_settings" cascade;`);
    this.addSql(`drop table if exists "search"."search_term" cascade;`);

    this.addSql(`drop index "search"."search_entry_tags_index";`);
    this.addSql(`drop index "search"."search_entry_tenant_id_occurred_at_index";`);
    this.addSql(`drop index "search"."search_entry_vector_index";`);
    this.addSql(`drop trigger if exists "search_entry_index" on "search"."search_entry";`);
    this.addSql(`drop function if exists "search"."search_entry_search_entry_index_fn"();`);
    this.addSql(`alter table "search"."search_entry" drop column "status", drop column "tags", drop column "occurred_at", drop column "amount", drop column "vector";`);
    this.addSql(`CREATE INDEX search_entry_fts_index ON search.search_entry USING gin (to_tsvector('simple'::regconfig, ((title || ' '::text) || body)));`);
  }

}
