import { ArgsType, Field, Float, GraphQLISODateTime, InputType, Int, registerEnumType } from 'type-graphql';
import { z } from 'zod';
import { MAX_PAGE_SIZE } from '../../../shared/graphql/pagination.js';
import { kindRule } from './index-entry.input.js';

export enum SearchSortOrder {
  RELEVANCE = 'RELEVANCE',
  NEWEST = 'NEWEST',
  OLDEST = 'OLDEST',
  TITLE = 'TITLE',
}
registerEnumType(SearchSortOrder, {
  name: 'SearchSort',
  description: 'RELEVANCE (field weights and recency; NEWEST when there is no text), NEWEST or OLDEST by the thing’s date, TITLE A to Z',
});

@InputType({ description: 'Filters of a search: values within one filter are alternatives; filters together must all hold' })
export class SearchFilterInput {
  static rules = z
    .object({
      kinds: z.array(kindRule).max(20).nullish(),
      statuses: z.array(z.string().min(1).max(100)).max(50).nullish(),
      tags: z.array(z.string().min(1).max(100)).max(50).nullish(),
      occurredFrom: z.date().nullish(),
      occurredTo: z.date().nullish(),
      amountMin: z.number().finite().nullish(),
      amountMax: z.number().finite().nullish(),
    })
    .refine((f) => !f.occurredFrom || !f.occurredTo || f.occurredFrom < f.occurredTo, { message: 'must be after occurredFrom', path: ['occurredTo'] })
    .refine((f) => f.amountMin == null || f.amountMax == null || f.amountMin < f.amountMax, { message: 'must be more than amountMin', path: ['amountMax'] });

  @Field(() => [String], { nullable: true, description: 'Only entries of these kinds (record, document, invoice, user, …)' })
  kinds?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Only things in one of these statuses' })
  statuses?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Only things with at least one of these tags' })
  tags?: string[] | null;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'Things dated at or after this time' })
  occurredFrom?: Date | null;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'Things dated before this time' })
  occurredTo?: Date | null;

  @Field(() => Float, { nullable: true, description: 'Amount at least this' })
  amountMin?: number | null;

  @Field(() => Float, { nullable: true, description: 'Amount below this' })
  amountMax?: number | null;
}

@ArgsType()
export class SearchArgs {
  static rules = z.object({
    query: z.string().max(1000).nullish(),
    kind: kindRule.nullish(),
    // Nested inputs are not validated on their own: their rules are part of the arguments'.
    filter: SearchFilterInput.rules.nullish(),
    first: z.number().int().min(1).max(MAX_PAGE_SIZE),
    after: z.string().max(2000).nullish(),
  });

  @Field(() => String, {
    nullable: true,
    description: 'Web search syntax: words (all must match), "a phrase", `or` between alternatives, -excluded. Empty or null browses every entry',
  })
  query?: string | null;

  @Field(() => String, { nullable: true, description: 'Only entries of this kind (the same as filter.kinds with one kind)' })
  kind?: string | null;

  @Field(() => SearchFilterInput, { nullable: true })
  filter?: SearchFilterInput | null;

  @Field(() => SearchSortOrder, { defaultValue: SearchSortOrder.RELEVANCE })
  sort: SearchSortOrder = SearchSortOrder.RELEVANCE;

  @Field(() => Int, { defaultValue: 20, description: `How many hits a page, 1 to ${MAX_PAGE_SIZE}` })
  first: number = 20;

  @Field(() => String, { nullable: true, description: 'The endCursor of the previous page of the same search' })
  after?: string | null;
}

@ArgsType()
export class SuggestArgs {
  static rules = z.object({
    prefix: z.string().trim().min(1, 'must not be empty').max(100),
    first: z.number().int().min(1).max(20),
  });

  @Field(() => String, { description: 'What has been typed so far' })
  prefix!: string;

  @Field(() => Int, { defaultValue: 8, description: 'How many suggestions, 1 to 20' })
  first: number = 8;
}
