import { BigIntType, type Opt } from '@mikro-orm/core';
import { Entity, Index, Property } from '@mikro-orm/decorators/legacy';
import { GraphQLSafeInt } from 'graphql-scalars';
import { Field, ID, ObjectType } from 'type-graphql';
import { TenantOwnedEntity } from '../../../shared/orm/base.entity.js';

/**
 * One side of a double-entry posting. The entries of one `transactionId` always balance (debits =
 * credits, checked before they are written), so the whole ledger does too. Never changed; a
 * mistake is corrected by a reversing posting.
 */
@Entity()
@Index({ properties: ['tenantId', 'account'] })
@Index({ properties: ['tenantId', 'sourceId'] })
@ObjectType({ description: 'One side of a double-entry posting' })
export class LedgerEntry extends TenantOwnedEntity {
  @Property({ type: 'uuid' })
  @Field(() => ID)
  transactionId!: string;

  @Property({ type: 'text' })
  @Field(() => String, { description: 'accounts_receivable, cash, revenue, tax_payable, refunds, bad_debt' })
  account!: string;

  @Property({ type: 'text' })
  @Field(() => String)
  currency!: string;

  @Property({ type: new BigIntType('number'), default: 0 })
  @Field(() => GraphQLSafeInt)
  debitMinor: Opt<number> = 0;

  @Property({ type: new BigIntType('number'), default: 0 })
  @Field(() => GraphQLSafeInt)
  creditMinor: Opt<number> = 0;

  @Property({ type: 'text' })
  @Field(() => String, { description: 'What posted it: Invoice, Payment, Refund, CreditNote' })
  sourceType!: string;

  @Property({ type: 'uuid' })
  @Field(() => ID)
  sourceId!: string;
}
