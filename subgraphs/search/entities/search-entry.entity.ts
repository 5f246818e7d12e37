import { type Opt } from '@mikro-orm/core';
import { Entity, Index, Property, Unique } from '@mikro-orm/decorators/legacy';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { TenantOwnedEntity } from '../../../shared/orm/base.entity.js';

/** Text search configurations an entry may name; `simple` neither stems nor drops stop words. */
export const SEARCH_LANGUAGES = ['simple', 'english', 'french', 'german', 'spanish'] as const;

/**
 * The text an entry is matched on. Queries must spell it exactly like this (unqualified
 * columns, `simple` configuration) for PostgreSQL to use `search_entry_fts_index`.
 */
export const SEARCH_DOCUMENT_SQL = `to_tsvector('simple', "title" || ' ' || "body")`;

/**
 * What the search engine knows of one thing of another subgraph (a document, an invoice, a
 * record): its text, keyed by `kind` and the thing's own id. One entry per thing and tenant.
 */
@Entity({ tableName: 'search_entry' })
@Unique({ properties: ['tenantId', 'kind', 'refId'] })
@Index({
  name: 'search_entry_fts_index',
  expression: `create index "search_entry_fts_index" on "search"."search_entry" using gin (${SEARCH_DOCUMENT_SQL})`,
})
@ObjectType('SearchEntry', { description: 'The searchable text of one thing kept by another subgraph' })
@Directive('@key(fields: "id")')
export class SearchEntry extends TenantOwnedEntity {
  @Property({ type: 'text' })
  @Field(() => String, { description: 'What the entry stands for, e.g. document, invoice, record' })
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

  @Property({ type: 'text', default: 'simple' })
  @Field(() => String, {
    description: `The text's language (${SEARCH_LANGUAGES.join(', ')}); matching uses \`simple\` for every language for now`,
  })
  language: Opt<string> = 'simple';

  /** The identity User who indexed it first; resolved by the gateway through `createdBy`. */
  @Property({ type: 'uuid', nullable: true })
  createdById?: string | null;
}
