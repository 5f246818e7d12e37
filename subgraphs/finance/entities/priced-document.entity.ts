import { BigIntType, type Opt } from '@mikro-orm/core';
import { Enum, Property } from '@mikro-orm/decorators/legacy';
import { GraphQLSafeInt } from 'graphql-scalars';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { TenantOwnedEntity } from '../../../shared/orm/base.entity.js';
import { TaxRounding } from '../services/invoice-totals.js';
import { LineItem, TaxLine } from './line-item.type.js';

registerEnumType(TaxRounding, { name: 'TaxRounding', description: 'Tax rounded on every line, or once per rate on the whole document' });

/** What quotes and invoices share: a customer, lines, discounts, taxes and their totals, in one currency. */
@ObjectType()
export abstract class PricedDocument extends TenantOwnedEntity {
  @Property({ type: 'uuid', nullable: true, index: true })
  @Field(() => ID, { nullable: true })
  customerId?: string | null;

  @Property({ type: 'text' })
  @Field(() => String, { description: 'ISO 4217 code, e.g. EUR' })
  currency!: string;

  @Property({ type: 'jsonb', default: '[]' })
  @Field(() => [LineItem])
  lines: Opt<LineItem[]> = [];

  @Property({ type: new BigIntType('number'), default: 0 })
  @Field(() => GraphQLSafeInt, { description: 'All discounts: the lines’ own and the document’s' })
  discountMinor: Opt<number> = 0;

  /** The discount on the whole document, spread over its lines before tax. */
  @Property({ type: new BigIntType('number'), default: 0 })
  @Field(() => GraphQLSafeInt)
  documentDiscountMinor: Opt<number> = 0;

  @Property({ type: new BigIntType('number'), default: 0 })
  @Field(() => GraphQLSafeInt, { description: 'Net of discounts, tax excluded' })
  subtotalMinor: Opt<number> = 0;

  @Property({ type: new BigIntType('number'), default: 0 })
  @Field(() => GraphQLSafeInt)
  taxMinor: Opt<number> = 0;

  @Property({ type: 'jsonb', default: '[]' })
  @Field(() => [TaxLine], { description: 'Tax per rate over the whole document' })
  taxLines: Opt<TaxLine[]> = [];

  /** Money is whole minor units (cents) in a bigint column, never a float. */
  @Property({ type: new BigIntType('number') })
  @Field(() => GraphQLSafeInt, { description: 'The total in minor units of the currency (cents for EUR)' })
  totalMinor!: number;

  @Property({ type: 'boolean', default: false })
  @Field(() => Boolean, { description: 'Whether line prices include tax' })
  taxInclusive: Opt<boolean> = false;

  @Enum({ items: () => TaxRounding, default: TaxRounding.LINE })
  @Field(() => TaxRounding)
  taxRounding: Opt<TaxRounding> = TaxRounding.LINE;
}
