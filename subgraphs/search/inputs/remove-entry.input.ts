import { ArgsType, Field, ID } from 'type-graphql';
import { z } from 'zod';
import { kindRule } from './index-entry.input.js';

@ArgsType()
export class RemoveEntryArgs {
  static rules = z.object({
    kind: kindRule,
    refId: z.string().uuid('is not an id'),
  });

  @Field(() => String)
  kind!: string;

  @Field(() => ID)
  refId!: string;
}
