import { GraphQLSafeInt } from 'graphql-scalars';
import { Field, ID, InputType, Int } from 'type-graphql';
import { z } from 'zod';
import { TaxRounding } from '../services/invoice-totals.js';
import { id, minor, quantity } from './money.rules.js';

@InputType({ description: 'A line: from a price (priceId) or with its own unit amount' })
export class LineItemInput {
  static rules = z
    .object({
      description: z.string().trim().min(1, 'must not be empty').max(1000).nullish(),
      priceId: id.nullish(),
      quantity,
      unitAmountMinor: minor.nullish(),
      discountMinor: minor.nullish(),
      taxRateIds: z.array(id).max(10, 'at most 10 taxes a line').nullish(),
    })
    .superRefine((line, issues) => {
      if (!line.priceId && line.unitAmountMinor == null) issues.addIssue({ code: 'custom', path: ['unitAmountMinor'], message: 'is required without a priceId' });
      if (!line.priceId && !line.description) issues.addIssue({ code: 'custom', path: ['description'], message: 'is required without a priceId' });
      if (line.priceId && line.unitAmountMinor != null) issues.addIssue({ code: 'custom', path: ['unitAmountMinor'], message: 'comes from the price; leave it out with a priceId' });
    });

  @Field(() => String, { nullable: true, description: "Defaults to the price's product name" })
  description?: string | null;

  @Field(() => ID, { nullable: true })
  priceId?: string | null;

  @Field(() => Int, { defaultValue: 1 })
  quantity!: number;

  @Field(() => GraphQLSafeInt, { nullable: true, description: 'Minor units per unit, without a price' })
  unitAmountMinor?: number | null;

  @Field(() => GraphQLSafeInt, { nullable: true, description: 'Taken off this line before tax' })
  discountMinor?: number | null;

  @Field(() => [ID], { nullable: true, description: "Taxes to apply; by default those of the customer's jurisdiction for the product's tax category" })
  taxRateIds?: string[] | null;

  /**
   * Not in the API: the billing run's amount for a line of a price (a proration, which may be a
   * credit), taxed and reported as the price's product but not priced by it.
   */
  amountOverrideMinor?: number;
}

/** How a quote or invoice is taxed and discounted; shared by their create and update inputs. */
export const pricingRules = {
  lines: z.array(LineItemInput.rules).max(500, 'at most 500 lines').nullish(),
  documentDiscountMinor: minor.nullish(),
  taxInclusive: z.boolean().nullish(),
  taxRounding: z.enum(TaxRounding).nullish(),
};

@InputType()
export class PricingInput {
  @Field(() => [LineItemInput], { nullable: true })
  lines?: LineItemInput[] | null;

  @Field(() => GraphQLSafeInt, { nullable: true, description: 'A discount on the whole document, spread over its lines before tax' })
  documentDiscountMinor?: number | null;

  @Field(() => Boolean, { nullable: true, description: 'Line prices include tax (default false)' })
  taxInclusive?: boolean | null;

  @Field(() => TaxRounding, { nullable: true, description: 'Round tax per LINE (default) or once per rate on the INVOICE' })
  taxRounding?: TaxRounding | null;
}
