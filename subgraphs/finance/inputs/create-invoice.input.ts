import { GraphQLSafeInt } from 'graphql-scalars';
import { Field, GraphQLISODateTime, ID, InputType } from 'type-graphql';
import { z } from 'zod';
import { PricingInput, pricingRules } from './line-item.input.js';
import { currency, id, minor } from './money.rules.js';

/** Shared with the update input: totals are whole minor units; credit notes will carry negatives. */
export const totalMinor = minor;
export const customerName = z.string().trim().min(1, 'must not be empty').max(500);

@InputType({ description: 'A draft invoice: a lump sum (totalMinor), or lines priced with discounts and taxes' })
export class CreateInvoiceInput extends PricingInput {
  static rules = z
    .object({
      customerId: id.nullish(),
      customerName: customerName.nullish(),
      currency: currency.nullish(),
      totalMinor: totalMinor.nullish(),
      dueDate: z.date().nullish(),
      ownerId: id.nullish(),
      ...pricingRules,
    })
    .superRefine((input, issues) => {
      if (!input.customerId && !input.customerName) issues.addIssue({ code: 'custom', path: ['customerName'], message: 'is required without a customerId' });
      if (!input.customerId && !input.currency) issues.addIssue({ code: 'custom', path: ['currency'], message: 'is required without a customerId' });
      if ((input.totalMinor == null) === (input.lines == null)) issues.addIssue({ code: 'custom', path: ['totalMinor'], message: 'give either totalMinor or lines, not both or neither' });
    });

  @Field(() => ID, { nullable: true, description: 'The customer; its name and currency are the defaults' })
  customerId?: string | null;

  @Field(() => String, { nullable: true })
  customerName?: string | null;

  @Field(() => String, { nullable: true, description: 'ISO 4217 code, e.g. EUR' })
  currency?: string | null;

  @Field(() => GraphQLSafeInt, { nullable: true, description: 'In minor units of the currency (cents for EUR), for an invoice without lines' })
  totalMinor?: number | null;

  @Field(() => GraphQLISODateTime, { nullable: true })
  dueDate?: Date | null;

  @Field(() => ID, { nullable: true, description: 'Defaults to the calling user' })
  ownerId?: string | null;
}
