import { Entity, Index, PrimaryKey } from '@mikro-orm/decorators/legacy';

/**
 * One word of a tenant's entries (unstemmed, lower-case), written by the `search_entry` trigger:
 * the lexicon typo correction picks the nearest known word from (trigram similarity). Words are
 * added as entries are indexed and pruned by a full reindex, so between reindexes a removed word
 * may still be suggested; the corrected search then simply finds nothing.
 */
@Entity({ tableName: 'search_term' })
@Index({ name: 'search_term_trgm_index', expression: 'create index "search_term_trgm_index" on "search"."search_term" using gin ("term" public.gin_trgm_ops)' })
export class SearchTerm {
  @PrimaryKey({ type: 'uuid' })
  tenantId!: string;

  @PrimaryKey({ type: 'text' })
  term!: string;
}
