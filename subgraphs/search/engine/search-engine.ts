import type { EntityManager } from '@mikro-orm/postgresql';
import type { SearchEntry } from '../entities/search-entry.entity.js';
import type { SearchLanguage } from '../entities/search-language.enum.js';

/*
 * What the search subgraph needs of a search engine. The services speak only to this, so a
 * tenant that outgrows PostgreSQL's text search can be served by an adapter over a distributed
 * engine (OpenSearch, Elasticsearch) that passes the same contract suite
 * (`search-engine.contract.ts`). The built-in engine is `PostgresSearchEngine`.
 */

/** Whose index, and the unit of work of the request or job (the PostgreSQL engine writes through it). */
export interface EngineScope {
  em: EntityManager;
  tenantId: string;
}

/** The text and facet values of one thing of another subgraph, as indexed. */
export interface IndexedThing {
  kind: string;
  refId: string;
  title: string;
  body: string;
  status?: string | null;
  tags?: string[] | null;
  occurredAt?: Date | null;
  amount?: number | null;
}

export type SearchSort = 'RELEVANCE' | 'NEWEST' | 'OLDEST' | 'TITLE';

/** Filters of a search; values within one filter are alternatives, filters together must all hold. */
export interface SearchFilters {
  kinds?: string[] | null;
  statuses?: string[] | null;
  tags?: string[] | null;
  occurredFrom?: Date | null;
  occurredTo?: Date | null;
  amountMin?: number | null;
  amountMax?: number | null;
}

export interface SearchRequest {
  /** Web search syntax; null or blank browses every entry. */
  text: string | null;
  filters: SearchFilters;
  /** Kinds the caller may not read: never returned nor counted. */
  hiddenKinds: string[];
  sort: SearchSort;
  size: number;
  /** An `endCursor` of an earlier page of the same search. */
  after: string | null;
}

export interface EngineHit {
  entry: SearchEntry;
  /** Relevance with field weights and recency (0 when the search has no text). */
  score: number;
  /** Passages with matched words between `**`. */
  snippet: string;
  cursor: string;
}

export interface EnginePage {
  hits: EngineHit[];
  hasNextPage: boolean;
  endCursor: string | null;
  /** Matches over all pages, counted with a first page (null on later pages: see `facets`). */
  totalCount: number | null;
  /** The text actually searched when the typed one found nothing and a near spelling did; else null. */
  correctedText: string | null;
}

export interface FacetCount {
  value: string;
  count: number;
}

export interface RangeCount {
  key: string;
  from: Date | number | null;
  to: Date | number | null;
  count: number;
}

/**
 * Counts per facet value over the search's matches. Each facet's counts apply every other active
 * filter but not its own, so a chosen value's siblings still show what choosing them would give.
 */
export interface EngineFacets {
  totalCount: number;
  kinds: FacetCount[];
  statuses: FacetCount[];
  tags: FacetCount[];
  occurredAt: RangeCount[];
  amount: RangeCount[];
}

export interface EngineSuggestion {
  entry: SearchEntry;
  /** The title with the typed prefix between `**`. */
  highlighted: string;
}

export interface SearchEngine {
  readonly name: string;
  upsert(scope: EngineScope, thing: IndexedThing, createdById: string | null): Promise<SearchEntry>;
  remove(scope: EngineScope, kind: string, refId: string): Promise<boolean>;
  /** Removes the entries of `kind` whose thing is not among `keep` (after a full read of the kind). */
  removeAllBut(scope: EngineScope, kind: string, keep: readonly string[]): Promise<number>;
  search(scope: EngineScope, request: SearchRequest): Promise<EnginePage>;
  facets(scope: EngineScope, request: SearchRequest, amountBoundaries: number[]): Promise<EngineFacets>;
  /** Autocomplete: entries whose title has words starting with the typed ones, else with the nearest known spelling of the last. */
  suggest(scope: EngineScope, prefix: string, size: number, hiddenKinds: string[]): Promise<EngineSuggestion[]>;
  language(scope: EngineScope): Promise<SearchLanguage>;
  /** Changes the tenant's language and re-parses every entry in it. */
  setLanguage(scope: EngineScope, language: SearchLanguage): Promise<void>;
  /** Rebuilds the typo-correction lexicon from the current entries. */
  rebuildLexicon(scope: EngineScope): Promise<void>;
}
