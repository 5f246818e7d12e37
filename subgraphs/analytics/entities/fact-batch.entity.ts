import { Entity, Property } from '@mikro-orm/decorators/legacy';
import { Field, Int, ObjectType } from 'type-graphql';
import { TenantOwnedEntity } from '../../../shared/orm/base.entity.js';

/**
 * One ingestion of facts (a `trackEvents` call, or the facts of one domain event): the audited,
 * evented record of it. Facts themselves are written in bulk by SQL, so a batch of 1,000 costs one
 * audit entry and one domain event, not a thousand; the event names the fact types it brought,
 * which is what live widgets listen for.
 */
@Entity({ tableName: 'fact_batch' })
@ObjectType('FactBatch', { description: 'The outcome of tracking a batch of facts' })
export class FactBatch extends TenantOwnedEntity {
  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'Facts stored' })
  accepted!: number;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'Facts already stored under the same id, skipped' })
  duplicates!: number;

  @Property({ type: 'jsonb' })
  @Field(() => [String], { description: 'The fact types stored, sorted' })
  factTypes!: string[];

  /** The identity User who tracked them, if a user did. */
  @Property({ type: 'uuid', nullable: true })
  actorId?: string | null;
}
