import { GraphQLSafeInt } from 'graphql-scalars';
import { Field, GraphQLISODateTime, InputType } from 'type-graphql';
import { z } from 'zod';
import { customerName, totalMinor } from './create-invoice.input.js';
import { PricingInput, pricingRules } from './line-item.input.js';

@InputType({ description: 'Fields to change while the invoice is a draft; omitted fields stay as they are' })
export class UpdateInvoiceInput extends PricingInput {
  static rules = z
    .object({
      customerName: customerName.optional(),
      totalMinor: totalMinor.optional(),
      dueDate: z.date().nullish(),
      ...pricingRules,
    })
    .refine((input) => input.totalMinor == null || input.lines == null, { path: ['totalMinor'], message: 'give either totalMinor or lines, not both' });

  @Field(() => String, { nullable: true })
  customerName?: string;

  @Field(() => GraphQLSafeInt, { nullable: true })
  totalMinor?: number;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'null clears the due date' })
  dueDate?: Date | null;
}
