import { type Opt } from '@mikro-orm/core';
import { Entity, Index, Property, Unique } from '@mikro-orm/decorators/legacy';
import { GraphQLJSON } from 'graphql-scalars';
import { Field, ID, ObjectType } from 'type-graphql';
import { TenantOwnedEntity } from '../../../shared/orm/base.entity.js';

/**
 * A directed link between two records, of one relation type, with properties of its own (a
 * role, a since-date). Indexed from both ends: queries follow links in either direction.
 */
@Entity({ tableName: 'record_link' })
@Unique({ properties: ['relationTypeId', 'fromId', 'toId'] })
@Index({ properties: ['tenantId', 'fromId', 'relationTypeId'] })
@Index({ properties: ['tenantId', 'toId', 'relationTypeId'] })
@ObjectType('RecordLink', { description: 'A directed link between two records' })
export class RecordLink extends TenantOwnedEntity {
  @Property({ type: 'uuid' })
  @Field(() => ID)
  relationTypeId!: string;

  @Property({ type: 'uuid' })
  @Field(() => ID)
  fromId!: string;

  @Property({ type: 'uuid' })
  @Field(() => ID)
  toId!: string;

  @Property({ type: 'jsonb', default: '{}' })
  @Field(() => GraphQLJSON, { description: 'Properties of the link itself: always a JSON object' })
  properties: Opt<Record<string, unknown>> = {};
}
