import { ArgsType, Field, Int, ObjectType, type ClassType } from 'type-graphql';
import { BadUserInputError } from '../errors/errors.js';
import { MAX_PAGE_SIZE, PageInfo, type Page } from './pagination.js';

/*
 * Relay cursor connections: `{ edges { cursor node } items pageInfo totalCount }`. `items` is the
 * nodes again, so callers of the older `<Type>List` shape keep working. A cursor is opaque base64
 * of the row's sort key values and id together with the ordering it was made under: a cursor
 * used with another ordering would land on an arbitrary row, so it is refused.
 */

@ArgsType()
export class ConnectionArgs {
  @Field(() => Int, { nullable: true, description: `Page size going forward, 1 to ${MAX_PAGE_SIZE} (20 when neither first nor last is given)` })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'A cursor (endCursor of the previous page): rows after it' })
  after?: string | null;

  @Field(() => Int, { nullable: true, description: `Page size going backward, 1 to ${MAX_PAGE_SIZE}` })
  last?: number | null;

  @Field(() => String, { nullable: true, description: 'A cursor (startCursor of the next page): rows before it' })
  before?: string | null;
}

/** Which way a page is read, how many rows, and from which cursor (decoded). */
export interface PageRequest {
  direction: 'forward' | 'backward';
  size: number;
  cursor: unknown[] | null;
}

export const DEFAULT_PAGE_SIZE = 20;

/** Checks first/after/last/before together; `ordering` names the sort the cursors must come from. */
export function pageRequest(args: ConnectionArgs, ordering: string): PageRequest {
  const problems: { field: string; message: string }[] = [];
  const backward = args.last != null || args.before != null;
  if (backward && (args.first != null || args.after != null)) {
    problems.push({ field: 'last', message: 'page forward (first/after) or backward (last/before), not both' });
  }
  const size = (backward ? args.last : args.first) ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) {
    problems.push({ field: backward ? 'last' : 'first', message: `must be from 1 to ${MAX_PAGE_SIZE}` });
  }
  const raw = backward ? args.before : args.after;
  const field = backward ? 'before' : 'after';
  let cursor: unknown[] | null = null;
  if (raw != null) {
    cursor = decodeCursor(raw, ordering);
    if (!cursor) problems.push({ field, message: 'is not a cursor of this list in this order' });
  }
  if (problems.length) throw new BadUserInputError('invalid page arguments', problems);
  return { direction: backward ? 'backward' : 'forward', size, cursor };
}

export function encodeCursor(ordering: string, values: unknown[]): string {
  return Buffer.from(JSON.stringify({ o: ordering, v: values })).toString('base64url');
}

/** The values of a cursor made under `ordering`, or null when it is not one. */
export function decodeCursor(cursor: string, ordering: string): unknown[] | null {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { o?: unknown; v?: unknown };
    return parsed.o === ordering && Array.isArray(parsed.v) ? parsed.v : null;
  } catch {
    return null;
  }
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface Connection<T> extends Page<T> {
  edges: Edge<T>[];
}

/**
 * A connection from `size + 1` rows read in the page's direction (the extra row says "more that
 * way"); rows read backward come in reverse and are put back in list order. Whether rows lie the
 * other way is known from the cursor being set (Relay allows that shortcut).
 */
export function toConnection<T>(rows: T[], request: PageRequest, totalCount: number, cursorOf: (row: T) => string): Connection<T> {
  const more = rows.length > request.size;
  const items = rows.slice(0, request.size);
  if (request.direction === 'backward') items.reverse();
  const edges = items.map((node) => ({ cursor: cursorOf(node), node }));
  const forward = request.direction === 'forward';
  return {
    edges,
    items,
    totalCount,
    pageInfo: {
      hasNextPage: forward ? more : request.cursor !== null,
      hasPreviousPage: forward ? request.cursor !== null : more,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}

/** Base for `<Type>Connection { edges { cursor node } items pageInfo totalCount }` (and its `<Type>Edge`). */
export function ConnectionOf<T extends object>(item: ClassType<T>, name: string) {
  @ObjectType(`${name}Edge`)
  class EdgeType implements Edge<T> {
    @Field(() => String, { description: 'Pass as `after` (or `before`) to page from this row' })
    cursor!: string;

    @Field(() => item)
    node!: T;
  }

  @ObjectType()
  abstract class ConnectionType implements Connection<T> {
    @Field(() => [EdgeType])
    edges!: Edge<T>[];

    @Field(() => [item], { description: 'The nodes of the edges, in order' })
    items!: T[];

    @Field(() => Int, { description: 'Rows matching the filter, over all pages' })
    totalCount!: number;

    @Field(() => PageInfo)
    pageInfo!: PageInfo;
  }
  return ConnectionType;
}
