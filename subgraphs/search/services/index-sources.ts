import type { Caller } from '../../../shared/context/caller.js';
import { serviceCaller } from '../../../shared/context/service-context.js';
import { querySubgraph } from '../../../shared/server/subgraph-client.js';
import type { IndexedThing } from '../engine/search-engine.js';

/*
 * The things of other subgraphs the index follows, and how to read their current text and facet
 * values from the subgraph that owns them: one at a time (after an event) or page by page (a full
 * reindex). Reads go through each subgraph's public GraphQL as a service of the tenant allowed
 * only that read, so the index never holds what that subgraph would not show.
 */

type Thing = Omit<IndexedThing, 'kind' | 'refId'>;

interface Page<T> {
  items: T[];
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

export interface IndexSource<T = unknown> {
  /** The subgraph owning the things, and the entity type its events name. */
  subgraph: string;
  entityType: string;
  kind: string;
  /** The read permission of the kind in its own subgraph. */
  scope: string;
  one(id: string, caller: Caller): Promise<T>;
  page(after: string | null, caller: Caller): Promise<Page<T>>;
  idOf(node: T): string;
  toThing(node: T): Thing;
}

const PAGE_SIZE = 100;
const PAGE_INFO = 'totalCount pageInfo { hasNextPage endCursor }';

interface RecordNode {
  id: string;
  type: string;
  createdAt: string;
  data: Record<string, unknown>;
}

interface DocumentNode {
  id: string;
  title: string;
  content: string;
  status: string;
  createdAt: string;
}

interface InvoiceNode {
  id: string;
  number: string;
  customerName: string;
  status: string;
  currency: string;
  totalMinor: number;
  issuedAt: string | null;
  createdAt: string;
  lines: { description: string }[];
}

interface UserNode {
  id: string;
  email: string;
  displayName: string;
  status: string;
  createdAt: string;
}

const strings = (values: unknown[]) => values.filter((value): value is string => typeof value === 'string');

/** Digits after the decimal point of a currency (2 for EUR, 0 for JPY). */
function minorDigits(currency: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

const RECORD_FIELDS = 'id type createdAt data';
const records: IndexSource<RecordNode> = {
  subgraph: 'entity',
  entityType: 'EntityRecord',
  kind: 'record',
  scope: 'entity:record:read',
  one: async (id, caller) => (await querySubgraph<{ record: RecordNode }>('entity', `query ($id: ID!) { record(id: $id) { ${RECORD_FIELDS} } }`, { id }, caller)).record,
  page: async (after, caller) =>
    (
      await querySubgraph<{ records: Page<RecordNode> }>(
        'entity',
        `query ($after: String) { records(first: ${PAGE_SIZE}, after: $after) { items { ${RECORD_FIELDS} } ${PAGE_INFO} } }`,
        { after },
        caller,
      )
    ).records,
  idOf: (node) => node.id,
  toThing({ type, data, createdAt }) {
    const texts = strings(Object.values(data));
    const named = strings(['name', 'title', 'displayName', 'subject'].map((key) => data[key]))[0];
    const amount = ['amount', 'value', 'total', 'price'].map((key) => data[key]).find((value): value is number => typeof value === 'number');
    return {
      title: named ?? texts[0] ?? type,
      body: [type, ...texts].join(' '),
      status: typeof data.status === 'string' ? data.status : null,
      tags: [type, ...(Array.isArray(data.tags) ? strings(data.tags) : [])],
      occurredAt: new Date(createdAt),
      amount: amount ?? null,
    };
  },
};

const DOCUMENT_FIELDS = 'id title content status createdAt';
const documents: IndexSource<DocumentNode> = {
  subgraph: 'document',
  entityType: 'Document',
  kind: 'document',
  scope: 'document:document:read',
  one: async (id, caller) => (await querySubgraph<{ document: DocumentNode }>('document', `query ($id: ID!) { document(id: $id) { ${DOCUMENT_FIELDS} } }`, { id }, caller)).document,
  page: async (after, caller) =>
    (
      await querySubgraph<{ documents: Page<DocumentNode> }>(
        'document',
        `query ($after: String) { documents(first: ${PAGE_SIZE}, after: $after) { items { ${DOCUMENT_FIELDS} } ${PAGE_INFO} } }`,
        { after },
        caller,
      )
    ).documents,
  idOf: (node) => node.id,
  // A generated document's content is its HTML: index the words, not the tags.
  toThing: (node) => ({ title: node.title, body: node.content.replace(/<[^>]+>/g, ' '), status: node.status, occurredAt: new Date(node.createdAt) }),
};

const INVOICE_FIELDS = 'id number customerName status currency totalMinor issuedAt createdAt lines { description }';
const invoices: IndexSource<InvoiceNode> = {
  subgraph: 'finance',
  entityType: 'Invoice',
  kind: 'invoice',
  scope: 'finance:invoice:read',
  one: async (id, caller) => (await querySubgraph<{ invoice: InvoiceNode }>('finance', `query ($id: ID!) { invoice(id: $id) { ${INVOICE_FIELDS} } }`, { id }, caller)).invoice,
  page: async (after, caller) =>
    (
      await querySubgraph<{ invoices: Page<InvoiceNode> }>(
        'finance',
        `query ($after: String) { invoices(first: ${PAGE_SIZE}, after: $after) { items { ${INVOICE_FIELDS} } ${PAGE_INFO} } }`,
        { after },
        caller,
      )
    ).invoices,
  idOf: (node) => node.id,
  toThing: (node) => ({
    title: `${node.number} ${node.customerName}`,
    body: node.lines.map((line) => line.description).join(' '),
    status: node.status,
    tags: [node.currency],
    occurredAt: new Date(node.issuedAt ?? node.createdAt),
    amount: node.totalMinor / 10 ** minorDigits(node.currency),
  }),
};

const USER_FIELDS = 'id email displayName status createdAt';
const users: IndexSource<UserNode> = {
  subgraph: 'identity',
  entityType: 'User',
  kind: 'user',
  scope: 'identity:user:read',
  one: async (id, caller) => (await querySubgraph<{ user: UserNode }>('identity', `query ($id: ID!) { user(id: $id) { ${USER_FIELDS} } }`, { id }, caller)).user,
  page: async (after, caller) =>
    (
      await querySubgraph<{ users: Page<UserNode> }>(
        'identity',
        `query ($after: String) { users(first: ${PAGE_SIZE}, after: $after) { items { ${USER_FIELDS} } ${PAGE_INFO} } }`,
        { after },
        caller,
      )
    ).users,
  idOf: (node) => node.id,
  toThing: (node) => ({ title: node.displayName, body: node.email, status: node.status, occurredAt: new Date(node.createdAt) }),
};

export const INDEX_SOURCES: readonly IndexSource[] = [records, documents, invoices, users] as IndexSource[];

export const sourceOfEntity = (subgraph: string, entityType: string) => INDEX_SOURCES.find((source) => source.subgraph === subgraph && source.entityType === entityType);

export const sourceOfKind = (kind: string) => INDEX_SOURCES.find((source) => source.kind === kind);

/** The permission reading each indexed kind needs in its own subgraph. Kinds indexed by hand need only search access. */
export const KIND_PERMISSIONS: Record<string, string> = Object.fromEntries(INDEX_SOURCES.map((source) => [source.kind, source.scope]));

/** A service of `tenantId` allowed only to read what `source` holds. */
export function readerOf(source: IndexSource, tenantId: string): Caller {
  return serviceCaller(tenantId, [source.scope]);
}
