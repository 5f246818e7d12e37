import { ArgsType, Field, GraphQLISODateTime, Int } from 'type-graphql';
import { z } from 'zod';

@ArgsType()
export class SearchPeriodArgs {
  static rules = z
    .object({ from: z.date(), to: z.date(), first: z.number().int().min(1).max(100) })
    .refine((args) => args.from < args.to, { message: 'must be after from', path: ['to'] });

  @Field(() => GraphQLISODateTime, { description: 'Searches at or after this time' })
  from!: Date;

  @Field(() => GraphQLISODateTime, { description: 'Searches before this time' })
  to!: Date;

  @Field(() => Int, { defaultValue: 20, description: 'How many texts, 1 to 100' })
  first: number = 20;
}
