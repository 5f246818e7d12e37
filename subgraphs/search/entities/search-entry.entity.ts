import { type Opt } from '@mikro-orm/core';
import { Entity, Index, Property, Unique } from '@mikro-orm/decorators/legacy';
import { Directive, Field, Float, GraphQLISODateTime, ID, ObjectType } from 'type-graphql';
import { TenantOwnedEntity } from '../../../shared/orm/base.entity.js';
import { SearchLanguage } from './search-language.enum.js';

/** Text search configurations a tenant may choose; `simple` neither stems nor drops stop words. */
export const SEARCH_LANGUAGES: readonly string[] = Object.values(SearchLanguage);

/**
 * What the search engine knows of one thing of another subgraph (a document, an invoice, a
 * record, a user): its text and the values it is filtered and faceted by, keyed by `kind` and the
 * thing's own id. One entry per thing and tenant.
 *
 * `vector` is kept by the database trigger below: the title weighs most
 * (A), then the tags (B), then the body (C), each parsed in the entry's language. A trigger rather
 * than a generated column because the configuration is a value of the row (`language::regconfig`
 * is not immutable); the same trigger adds the entry's words (as written) to the tenant's
 * lexicon for typo correction. Updates that change no text skip both.
 */
@Entity({
  tableName: 'search_entry',
  triggers: [
    {
      name: 'search_entry_index',
      timing: 'before',
      events: ['insert', 'update'],
      forEach: 'row',
      body: `
        if tg_op = 'UPDATE' and old.vector is not null and new.title is not distinct from old.title and new.body is not distinct from old.body
          and new.tags is not distinct from old.tags and new.language is not distinct from old.language then
          return new;
        end if;
        new.vector :=
          setweight(to_tsvector(new.language::regconfig, coalesce(new.title, '')), 'A') ||
          setweight(to_tsvector(new.language::regconfig, array_to_string(new.tags, ' ')), 'B') ||
          setweight(to_tsvector(new.language::regconfig, coalesce(new.body, '')), 'C');
        insert into search.search_term (tenant_id, term)
          select distinct new.tenant_id, w.word
          from unnest(tsvector_to_array(to_tsvector('simple', new.title || ' ' || array_to_string(new.tags, ' ') || ' ' || new.body))) as w(word)
          where length(w.word) between 3 and 40
          order by 2
          on conflict do nothing;
        return new;`,
    },
  ],
})
@Unique({ properties: ['tenantId', 'kind', 'refId'] })
@Index({ name: 'search_entry_vector_index', expression: 'create index "search_entry_vector_index" on "search"."search_entry" using gin ("vector")' })
@Index({ properties: ['tenantId', 'occurredAt'] })
@Index({ name: 'search_entry_tags_index', expression: 'create index "search_entry_tags_index" on "search"."search_entry" using gin ("tags")' })
@ObjectType('SearchEntry', { description: 'The searchable text of one thing kept by another subgraph' })
@Directive('@key(fields: "id")')
export class SearchEntry extends TenantOwnedEntity {
  @Property({ type: 'text' })
  @Field(() => String, { description: 'What the entry stands for, e.g. document, invoice, record, user' })
  kind!: string;

  @Property({ type: 'uuid' })
  @Field(() => ID, { description: 'The id of the indexed thing in its own subgraph' })
  refId!: string;

  @Property({ type: 'text' })
  @Field(() => String)
  title!: string;

  @Property({ type: 'text' })
  @Field(() => String)
  body!: string;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: "The thing's status in its own subgraph (e.g. ISSUED, DRAFT), for facets" })
  status?: string | null;

  @Property({ type: 'text[]', defaultRaw: "'{}'" })
  @Field(() => [String])
  tags: Opt<string[]> = [];

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  @Field(() => GraphQLISODateTime, { description: 'When the thing happened or was made (an invoice its issue date): recency ranking and date facets' })
  occurredAt: Opt<Date> = new Date();

  @Property({ type: 'double precision', nullable: true })
  @Field(() => Float, { nullable: true, description: 'A number to range over (an invoice its total in major units)' })
  amount?: number | null;

  @Property({ type: 'text', default: 'simple' })
  @Field(() => String, { description: `The language its text was parsed in: the tenant's search language when indexed (${SEARCH_LANGUAGES.join(', ')})` })
  language: Opt<string> = 'simple';

  /** Kept by the trigger; never read into the entity (lazy) nor written by it. */
  @Property({ type: 'tsvector', nullable: true, lazy: true, hidden: true })
  vector?: string | null;

  /** The identity User who indexed it first; resolved by the gateway through `createdBy`. */
  @Property({ type: 'uuid', nullable: true })
  createdById?: string | null;
}
