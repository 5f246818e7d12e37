import { ArgsType, Field, Int } from 'type-graphql';
import { z } from 'zod';
import { MAX_PAGE_SIZE } from '../../../shared/graphql/pagination.js';
import { kindRule } from './index-entry.input.js';

@ArgsType()
export class SearchArgs {
  static rules = z.object({
    query: z.string().trim().min(1, 'must not be empty').max(1000),
    kind: kindRule.nullish(),
    first: z.number().int().min(1).max(MAX_PAGE_SIZE),
  });

  @Field(() => String, {
    description: 'Web search syntax: words (all must match), "a phrase", `or` between alternatives, -excluded',
  })
  query!: string;

  @Field(() => String, { nullable: true, description: 'Only entries of this kind' })
  kind?: string | null;

  @Field(() => Int, { defaultValue: 20, description: `How many of the best matches, 1 to ${MAX_PAGE_SIZE}` })
  first: number = 20;
}
