import { Field, GraphQLISODateTime, ID, InputType } from 'type-graphql';
import { z } from 'zod';
import { LineItemInput, PricingInput, pricingRules } from './line-item.input.js';
import { id } from './money.rules.js';

@InputType({ description: 'A draft quote to a customer, in its currency' })
export class CreateQuoteInput extends PricingInput {
  static rules = z.object({
    customerId: id,
    validUntil: z.date().nullish(),
    ...pricingRules,
    lines: z.array(LineItemInput.rules).min(1, 'needs at least one line').max(500, 'at most 500 lines'),
  });

  @Field(() => ID)
  customerId!: string;

  @Field(() => GraphQLISODateTime, { nullable: true })
  validUntil?: Date | null;
}
