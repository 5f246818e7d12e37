import { BigIntType, type Opt } from '@mikro-orm/core';
import { Entity, Enum, Property, Unique } from '@mikro-orm/decorators/legacy';
import { GraphQLSafeInt } from 'graphql-scalars';
import { Directive, Field, GraphQLISODateTime, ObjectType, registerEnumType } from 'type-graphql';
import { TenantOwnedEntity } from '../../../shared/orm/base.entity.js';

export enum InvoiceStatus {
  DRAFT = 'draft',
  ISSUED = 'issued',
  PAID = 'paid',
  VOID = 'void',
}
registerEnumType(InvoiceStatus, { name: 'InvoiceStatus', description: 'Where an invoice is in its life' });

/** An invoice of a tenant to a customer, owned by a user of the identity subgraph (referenced by id). */
@Entity()
@Unique({ properties: ['tenantId', 'number'] })
@ObjectType({ description: 'An invoice to a customer' })
@Directive('@key(fields: "id")')
export class Invoice extends TenantOwnedEntity {
  @Property({ type: 'text' })
  @Field(() => String, { description: 'Unique in the tenant, e.g. INV-000042' })
  number!: string;

  @Property({ type: 'text' })
  @Field(() => String)
  customerName!: string;

  @Property({ type: 'text' })
  @Field(() => String, { description: 'ISO 4217 code, e.g. EUR' })
  currency!: string;

  /** Money is whole minor units (cents) in a bigint column, never a float. */
  @Property({ type: new BigIntType('number') })
  @Field(() => GraphQLSafeInt, { description: 'The total in minor units of the currency (cents for EUR)' })
  totalMinor!: number;

  @Enum({ items: () => InvoiceStatus })
  @Field(() => InvoiceStatus)
  status: Opt<InvoiceStatus> = InvoiceStatus.DRAFT;

  @Property({ type: 'datetime', nullable: true })
  @Field(() => GraphQLISODateTime, { nullable: true })
  dueDate?: Date | null;

  /** The identity User who owns it; resolved by the gateway through `owner`. */
  @Property({ type: 'uuid', index: true })
  ownerId!: string;
}
