import { GraphQLSafeInt } from 'graphql-scalars';
import { Field, ID, Int, ObjectType } from 'type-graphql';

/** Which rate a tax amount is of, copied from the rate when priced (a later change of the rate leaves it be). */
@ObjectType()
abstract class TaxOfRate {
  @Field(() => ID)
  rateId!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String)
  jurisdiction!: string;

  @Field(() => Int, { description: 'Parts per million' })
  ratePpm!: number;
}

/** One tax on one line, as computed when the line was priced. */
@ObjectType({ description: 'One tax on a line' })
export class LineTax extends TaxOfRate {
  @Field(() => GraphQLSafeInt, { description: 'Rounded on the line; with INVOICE rounding the invoice total is rounded once per rate instead' })
  amountMinor!: number;
}

/**
 * A line of a quote or invoice. Stored with its document (a JSON array) because a line never
 * lives apart from it and is frozen with it once issued; every amount is minor units.
 */
@ObjectType({ description: 'A line of a quote or invoice, amounts in minor units' })
export class LineItem {
  @Field(() => String)
  description!: string;

  @Field(() => ID, { nullable: true, description: 'The price it was priced from, if any' })
  priceId!: string | null;

  @Field(() => Int)
  quantity!: number;

  @Field(() => GraphQLSafeInt, { nullable: true, description: 'Per unit, when the price is per unit (tiered lines have none)' })
  unitAmountMinor!: number | null;

  @Field(() => GraphQLSafeInt, { description: 'As priced, before discounts (tax included when prices are inclusive)' })
  amountMinor!: number;

  @Field(() => GraphQLSafeInt, { description: "The line's own discount, as given" })
  lineDiscountMinor!: number;

  @Field(() => GraphQLSafeInt, { description: "The line's own discount plus its share of the document discount" })
  discountMinor!: number;

  @Field(() => GraphQLSafeInt, { description: 'Taxable amount, tax excluded' })
  netMinor!: number;

  @Field(() => GraphQLSafeInt)
  taxMinor!: number;

  @Field(() => GraphQLSafeInt)
  totalMinor!: number;

  @Field(() => [LineTax])
  taxes!: LineTax[];
}

/** The tax of one rate over a whole document. */
@ObjectType({ description: 'The tax of one rate over the whole document' })
export class TaxLine extends TaxOfRate {
  @Field(() => GraphQLSafeInt)
  taxableMinor!: number;

  @Field(() => GraphQLSafeInt)
  amountMinor!: number;
}
