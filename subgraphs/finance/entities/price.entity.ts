import { BigIntType, type Opt } from '@mikro-orm/core';
import { GraphQLSafeInt } from 'graphql-scalars';
import { Entity, Enum, Index, Property } from '@mikro-orm/decorators/legacy';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { TenantOwnedEntity } from '../../../shared/orm/base.entity.js';
import { PricingScheme, type PriceTier } from '../services/pricing.js';
import { PriceTierType } from './price-tier.type.js';

export enum PriceType {
  ONE_OFF = 'ONE_OFF',
  RECURRING = 'RECURRING',
}
export enum BillingInterval {
  DAY = 'DAY',
  WEEK = 'WEEK',
  MONTH = 'MONTH',
  YEAR = 'YEAR',
}
registerEnumType(PriceType, { name: 'PriceType', description: 'Charged once, or every billing interval' });
registerEnumType(BillingInterval, { name: 'BillingInterval' });
registerEnumType(PricingScheme, { name: 'PricingScheme', description: 'Per unit, graduated tiers (TIERED) or one tier for all units (VOLUME)' });

/** How much a product costs in one currency, once or per interval, by one pricing scheme. */
@Entity()
@Index({ properties: ['tenantId', 'productId'] })
@ObjectType({ description: 'A price of a product' })
export class Price extends TenantOwnedEntity {
  @Property({ type: 'uuid' })
  @Field(() => ID)
  productId!: string;

  @Property({ type: 'text' })
  @Field(() => String)
  currency!: string;

  @Enum({ items: () => PriceType })
  @Field(() => PriceType)
  type!: PriceType;

  @Enum({ items: () => PricingScheme })
  @Field(() => PricingScheme)
  scheme!: PricingScheme;

  @Property({ type: new BigIntType('number'), nullable: true })
  @Field(() => GraphQLSafeInt, { nullable: true, description: 'Minor units per unit (PER_UNIT)' })
  unitAmountMinor?: number | null;

  @Property({ type: 'jsonb', nullable: true })
  @Field(() => [PriceTierType], { nullable: true, description: 'The tiers (TIERED, VOLUME), in order' })
  tiers?: PriceTier[] | null;

  @Enum({ items: () => BillingInterval, nullable: true })
  @Field(() => BillingInterval, { nullable: true, description: 'RECURRING only' })
  interval?: BillingInterval | null;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'Bills every this many intervals' })
  intervalCount: Opt<number> = 1;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: "Metered (RECURRING only): the meter whose period's usage is the quantity billed" })
  meterKey?: string | null;

  @Property({ type: 'boolean' })
  @Field(() => Boolean)
  active: Opt<boolean> = true;
}
