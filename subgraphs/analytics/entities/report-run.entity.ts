import type { Opt } from '@mikro-orm/core';
import { Entity, Enum, Property, Unique } from '@mikro-orm/decorators/legacy';
import { GraphQLJSON } from 'graphql-scalars';
import { Field, GraphQLISODateTime, ID, ObjectType, registerEnumType } from 'type-graphql';
import { TenantOwnedEntity } from '../../../shared/orm/base.entity.js';

export enum ReportRunStatus {
  PENDING = 'PENDING',
  DELIVERED = 'DELIVERED',
  FAILED = 'FAILED',
}
registerEnumType(ReportRunStatus, { name: 'ReportRunStatus' });

/**
 * One rendering of a report over a period. A scheduled run's key is its period, unique per
 * report, so a period is reported exactly once however often the scheduler runs.
 */
@Entity({ tableName: 'report_run' })
@Unique({ properties: ['reportId', 'runKey'] })
@ObjectType('ReportRun', { description: 'One run of a report over a period' })
export class ReportRun extends TenantOwnedEntity {
  @Property({ type: 'uuid' })
  @Field(() => ID)
  reportId!: string;

  /** `scheduled:<period start>` for scheduled runs, a fresh id for runs asked for. */
  @Property({ type: 'text' })
  runKey!: string;

  @Property({ type: 'datetime' })
  @Field(() => GraphQLISODateTime)
  periodFrom!: Date;

  @Property({ type: 'datetime' })
  @Field(() => GraphQLISODateTime)
  periodTo!: Date;

  @Property({ type: 'jsonb', default: '{}' })
  @Field(() => GraphQLJSON, { description: 'The parameters it ran with' })
  parameters: Opt<Record<string, string>> = {};

  @Enum({ items: () => ReportRunStatus })
  @Field(() => ReportRunStatus)
  status: Opt<ReportRunStatus> = ReportRunStatus.PENDING;

  /** The document delivered (in the document subgraph); resolved through `document`. */
  @Property({ type: 'uuid', nullable: true })
  documentId?: string | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true })
  error?: string | null;
}
