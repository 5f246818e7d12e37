import { Field, Int, ObjectType } from 'type-graphql';

@ObjectType('PriceTier', { description: 'Quantities up to upTo (inclusive; null for no bound) at this price' })
export class PriceTierType {
  @Field(() => Int, { nullable: true })
  upTo!: number | null;

  @Field(() => Int)
  unitAmountMinor!: number;

  @Field(() => Int, { nullable: true, description: 'Added once when the quantity reaches the tier' })
  flatAmountMinor?: number;
}
