import { Entity, Property, Unique } from '@mikro-orm/decorators/legacy';
import { TenantOwnedEntity } from '../../../shared/orm/base.entity.js';

/**
 * A money-moving request already made with this key: the same key with the same request returns
 * the first result (`resultId`); with a different request it is refused. Written in the same
 * transaction as the effect, so a request that failed leaves no key behind.
 */
@Entity()
@Unique({ properties: ['tenantId', 'key'] })
export class IdempotencyKey extends TenantOwnedEntity {
  @Property({ type: 'text' })
  key!: string;

  @Property({ type: 'text' })
  operation!: string;

  /** sha256 of the operation's canonical arguments. */
  @Property({ type: 'text' })
  requestHash!: string;

  @Property({ type: 'uuid', nullable: true })
  resultId?: string | null;
}
