import { Entity, Property, Unique } from '@mikro-orm/decorators/legacy';
import { Field, GraphQLISODateTime, ID, ObjectType } from 'type-graphql';
import { TenantOwnedEntity } from '../../../shared/orm/base.entity.js';

/**
 * One billed period of a subscription. Its uniqueness per (subscription, start) is what makes a
 * billing run exactly once per period: a second run, or a concurrent one, cannot insert it again.
 */
@Entity({ tableName: 'billing_period' })
@Unique({ properties: ['subscriptionId', 'periodStart'] })
@ObjectType('BillingPeriod', { description: 'A period of a subscription and the invoice that billed it' })
export class BillingPeriod extends TenantOwnedEntity {
  @Property({ type: 'uuid' })
  @Field(() => ID)
  subscriptionId!: string;

  @Property({ type: 'datetime' })
  @Field(() => GraphQLISODateTime)
  periodStart!: Date;

  @Property({ type: 'datetime' })
  @Field(() => GraphQLISODateTime)
  periodEnd!: Date;

  @Property({ type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true, description: 'Null for a trial period, or one with nothing to bill' })
  invoiceId?: string | null;
}
