import { BigIntType, type Opt } from '@mikro-orm/core';
import { GraphQLSafeInt } from 'graphql-scalars';
import { Entity, Enum, Property, Unique } from '@mikro-orm/decorators/legacy';
import { Directive, Field, GraphQLISODateTime, ID, ObjectType, registerEnumType } from 'type-graphql';
import { PricedDocument } from './priced-document.entity.js';

/** Where an invoice is; `issued` is what other systems call open. Moves only as invoice-status.ts allows. */
export enum InvoiceStatus {
  DRAFT = 'draft',
  ISSUED = 'issued',
  PAID = 'paid',
  VOID = 'void',
  UNCOLLECTIBLE = 'uncollectible',
}
registerEnumType(InvoiceStatus, { name: 'InvoiceStatus', description: 'Where an invoice is in its life' });

/** An invoice of a tenant to a customer, owned by a user of the identity subgraph (referenced by id). */
@Entity()
@Unique({ properties: ['tenantId', 'number'] })
@ObjectType({ description: 'An invoice to a customer' })
@Directive('@key(fields: "id")')
export class Invoice extends PricedDocument {
  /** A draft's is provisional (DRAFT-…); issuing gives the next of the tenant's gap-free series. */
  @Property({ type: 'text' })
  @Field(() => String, { description: 'INV-000042 once issued, gap-free per tenant; DRAFT-… before' })
  number!: string;

  @Property({ type: 'text' })
  @Field(() => String)
  customerName!: string;

  @Enum({ items: () => InvoiceStatus })
  @Field(() => InvoiceStatus)
  status: Opt<InvoiceStatus> = InvoiceStatus.DRAFT;

  @Property({ type: 'datetime', nullable: true })
  @Field(() => GraphQLISODateTime, { nullable: true })
  dueDate?: Date | null;

  @Property({ type: 'datetime', nullable: true })
  @Field(() => GraphQLISODateTime, { nullable: true })
  issuedAt?: Date | null;

  @Property({ type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true, description: 'The quote it was made from' })
  quoteId?: string | null;

  @Property({ type: new BigIntType('number'), default: 0 })
  @Field(() => GraphQLSafeInt, { description: 'Succeeded payments, before refunds (a refund returns money without reopening the invoice)' })
  amountPaidMinor: Opt<number> = 0;

  @Property({ type: new BigIntType('number'), default: 0 })
  @Field(() => GraphQLSafeInt, { description: 'Credit notes against it' })
  creditedMinor: Opt<number> = 0;

  @Property({ type: 'uuid', nullable: true, index: true })
  @Field(() => ID, { nullable: true, description: 'The subscription it bills, when the billing run made it' })
  subscriptionId?: string | null;

  /** The identity User who owns it; resolved by the gateway through `owner`. */
  @Property({ type: 'uuid', index: true })
  ownerId!: string;
}
