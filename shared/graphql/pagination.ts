import { ArgsType, Directive, Field, Int, ObjectType, type ClassType } from 'type-graphql';
import { z } from 'zod';

/** Where a page starts and ends and whether others surround it (Relay). Shared by every subgraph's lists. */
@ObjectType()
@Directive('@shareable')
export class PageInfo {
  @Field()
  hasNextPage!: boolean;

  @Field({ description: 'Whether rows come before this page; lists paged forward may only know it from `after` being set' })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Pass as `before` to get the previous page (where the list takes `before`)' })
  startCursor!: string | null;

  @Field(() => String, { nullable: true, description: 'Pass as `after` to get the next page' })
  endCursor!: string | null;
}

export const MAX_PAGE_SIZE = 100;

@ArgsType()
export class PageArgs {
  static rules = z.object({
    first: z.number().int().min(1).max(MAX_PAGE_SIZE),
    after: z.string().uuid('is not a cursor from this list').nullish(),
  });

  @Field(() => Int, { defaultValue: 20, description: `Page size, 1 to ${MAX_PAGE_SIZE}` })
  first: number = 20;

  @Field(() => String, { nullable: true, description: 'The endCursor of the previous page' })
  after?: string | null;
}

/** One page of rows, newest first. */
export interface Page<T> {
  items: T[];
  totalCount: number;
  pageInfo: PageInfo;
}

/**
 * Base for `<Type>List { items totalCount pageInfo }`. Ids are UUIDv7, so ordering by id is
 * ordering by creation and the last id of a page is a stable keyset cursor.
 */
export function ListOf<T extends object>(item: ClassType<T>) {
  @ObjectType()
  abstract class List implements Page<T> {
    @Field(() => [item])
    items!: T[];

    @Field(() => Int, { description: 'Rows matching the filter, over all pages' })
    totalCount!: number;

    @Field(() => PageInfo)
    pageInfo!: PageInfo;
  }
  return List;
}

/** Builds a page from `first + 1` rows fetched newest first (the extra row says "more"). */
export function toPage<T extends { id: string }>(rows: T[], first: number, totalCount: number, after?: string | null): Page<T> {
  const items = rows.slice(0, first);
  return {
    items,
    totalCount,
    pageInfo: {
      hasNextPage: rows.length > first,
      hasPreviousPage: Boolean(after),
      startCursor: items[0]?.id ?? null,
      endCursor: items.at(-1)?.id ?? null,
    },
  };
}
