import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';

/**
 * One metered event. Written in bulk by `recordUsage` (one SQL statement a batch, idempotent by
 * the client's event id), never through the unit of work: each batch is audited as a UsageBatch.
 */
@Entity({ tableName: 'usage_event' })
@Unique({ properties: ['tenantId', 'eventId'] })
@Index({ properties: ['tenantId', 'customerId', 'meterKey', 'occurredAt'] })
export class UsageEvent {
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @Property({ type: 'uuid' })
  tenantId!: string;

  @Property({ type: 'text' })
  eventId!: string;

  @Property({ type: 'text' })
  meterKey!: string;

  @Property({ type: 'uuid' })
  customerId!: string;

  @Property({ type: 'double precision' })
  value!: number;

  @Property({ type: 'text', nullable: true })
  uniqueKey?: string | null;

  @Property({ type: 'datetime' })
  occurredAt!: Date;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  receivedAt!: Date;
}
