import { type Opt } from '@mikro-orm/core';
import { Entity, Enum, Property, Unique } from '@mikro-orm/decorators/legacy';
import { Field, GraphQLISODateTime, ID, ObjectType, registerEnumType } from 'type-graphql';
import { PricedDocument } from './priced-document.entity.js';

export enum QuoteStatus {
  DRAFT = 'draft',
  SENT = 'sent',
  ACCEPTED = 'accepted',
  INVOICED = 'invoiced',
}
registerEnumType(QuoteStatus, { name: 'QuoteStatus', description: 'draft → sent → accepted → invoiced' });

/** An offer to a customer; once accepted it becomes a draft invoice with the same lines. */
@Entity()
@Unique({ properties: ['tenantId', 'number'] })
@ObjectType({ description: 'A quote to a customer' })
export class Quote extends PricedDocument {
  @Property({ type: 'text' })
  @Field(() => String, { description: 'Q-000042, per tenant' })
  number!: string;

  @Enum({ items: () => QuoteStatus })
  @Field(() => QuoteStatus)
  status: Opt<QuoteStatus> = QuoteStatus.DRAFT;

  @Property({ type: 'datetime', nullable: true })
  @Field(() => GraphQLISODateTime, { nullable: true })
  validUntil?: Date | null;

  @Property({ type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true, description: 'The invoice it became' })
  invoiceId?: string | null;

  @Property({ type: 'uuid' })
  ownerId!: string;
}
