import { ArgsType, Field, ID, Int } from 'type-graphql';
import { z } from 'zod';
import { kindRule } from './index-entry.input.js';

@ArgsType()
export class SearchClickArgs {
  static rules = z.object({
    searchId: z.string().uuid('is not an id'),
    kind: kindRule,
    refId: z.string().uuid('is not an id'),
    position: z.number().int().min(1).max(10_000),
  });

  @Field(() => ID, { description: 'The searchId the search answered' })
  searchId!: string;

  @Field(() => String)
  kind!: string;

  @Field(() => ID)
  refId!: string;

  @Field(() => Int, { description: '1-based position of the result in the list shown' })
  position!: number;
}
