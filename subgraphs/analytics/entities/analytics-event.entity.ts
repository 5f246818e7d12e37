import { type Opt } from '@mikro-orm/core';
import { Entity, Index, Property } from '@mikro-orm/decorators/legacy';
import { GraphQLJSON } from 'graphql-scalars';
import { Directive, Field, GraphQLISODateTime, ObjectType } from 'type-graphql';
import { TenantOwnedEntity } from '../../../shared/orm/base.entity.js';

/**
 * Something that happened in a tenant, tracked for counting over time: a name, when it
 * happened and free-form properties. Counts go by (tenant, name, time), hence the index.
 */
@Entity({ tableName: 'analytics_event' })
@Index({ properties: ['tenantId', 'name', 'occurredAt'] })
@ObjectType('AnalyticsEvent', { description: 'A tracked event' })
@Directive('@key(fields: "id")')
export class AnalyticsEvent extends TenantOwnedEntity {
  @Property({ type: 'text' })
  @Field(() => String, { description: 'Lower-case name, e.g. document.viewed or checkout:started' })
  name!: string;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  @Field(() => GraphQLISODateTime, { description: 'When it happened (may be before it was tracked)' })
  occurredAt: Opt<Date> = new Date();

  @Property({ type: 'jsonb', default: '{}' })
  @Field(() => GraphQLJSON, { description: 'Free-form details: always a JSON object' })
  properties: Opt<Record<string, unknown>> = {};

  /** The identity User who did it, if a user did; resolved by the gateway through `actor`. */
  @Property({ type: 'uuid', nullable: true })
  actorId?: string | null;
}
