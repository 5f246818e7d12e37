import { type Opt } from '@mikro-orm/core';
import { Entity, Index, Property, Unique } from '@mikro-orm/decorators/legacy';
import { GraphQLJSON } from 'graphql-scalars';
import { Directive, Field, GraphQLISODateTime, ObjectType } from 'type-graphql';
import { TenantOwnedEntity } from '../../../shared/orm/base.entity.js';

/**
 * A fact: something that happened in a tenant, kept for metrics. Its type (`name`), when it
 * happened, its dimensions (text values to filter and group by, kept few and low-cardinality so
 * roll-ups stay small), its measures (numbers to aggregate) and free-form details. Facts are
 * written in batches by `ingestFacts` (SQL, idempotent by `eventKey` within the tenant) and
 * never change; metrics go by (tenant, name, time), hence the index.
 */
@Entity({ tableName: 'analytics_event' })
@Index({ properties: ['tenantId', 'name', 'occurredAt'] })
@Unique({ properties: ['tenantId', 'eventKey'] })
@ObjectType('AnalyticsEvent', { description: 'A tracked event' })
@Directive('@key(fields: "id")')
export class AnalyticsEvent extends TenantOwnedEntity {
  @Property({ type: 'text' })
  @Field(() => String, { description: 'Lower-case name, e.g. document.viewed or checkout:started' })
  name!: string;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  @Field(() => GraphQLISODateTime, { description: 'When it happened (may be before it was tracked)' })
  occurredAt: Opt<Date> = new Date();

  /** The client's id of the fact (or the domain event's): a second fact with it is a duplicate. */
  @Property({ type: 'text' })
  @Field(() => String, { description: "The fact's idempotency key: the id it was tracked with, or the domain event it came from" })
  eventKey!: string;

  @Property({ type: 'jsonb', default: '{}' })
  @Field(() => GraphQLJSON, { description: 'Text values to filter and group by' })
  dimensions: Opt<Record<string, string>> = {};

  @Property({ type: 'jsonb', default: '{}' })
  @Field(() => GraphQLJSON, { description: 'Numbers to aggregate' })
  measures: Opt<Record<string, number>> = {};

  @Property({ type: 'jsonb', default: '{}' })
  @Field(() => GraphQLJSON, { description: 'Free-form details: always a JSON object' })
  properties: Opt<Record<string, unknown>> = {};

  /** The identity User who did it, if a user did; resolved by the gateway through `actor`. */
  @Property({ type: 'uuid', nullable: true })
  actorId?: string | null;
}
