import { Entity, Property } from '@mikro-orm/decorators/legacy';
import { Field, Int, ObjectType } from 'type-graphql';
import { TenantOwnedEntity } from '../../../shared/orm/base.entity.js';

/** One `recordUsage` call: what it stored and what it skipped as already stored (audited, evented). */
@Entity({ tableName: 'usage_batch' })
@ObjectType('UsageBatch', { description: 'One call of recordUsage' })
export class UsageBatch extends TenantOwnedEntity {
  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'Events stored' })
  accepted!: number;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'Events skipped: their event id was stored before' })
  duplicates!: number;

  @Property({ type: 'text[]' })
  @Field(() => [String])
  meterKeys!: string[];
}
