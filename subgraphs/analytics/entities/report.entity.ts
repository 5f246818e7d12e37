import type { Opt } from '@mikro-orm/core';
import { Entity, Enum, Index, Property } from '@mikro-orm/decorators/legacy';
import { GraphQLJSON } from 'graphql-scalars';
import { Field, GraphQLISODateTime, ObjectType, registerEnumType } from 'type-graphql';
import { TenantOwnedEntity } from '../../../shared/orm/base.entity.js';
import type { MetricDefinitionInput } from '../inputs/metric-query.input.js';

export enum ReportFormat {
  CSV = 'CSV',
  PDF = 'PDF',
}
registerEnumType(ReportFormat, { name: 'ReportFormat' });

export enum ReportSchedule {
  NONE = 'NONE',
  DAILY = 'DAILY',
  WEEKLY = 'WEEKLY',
  MONTHLY = 'MONTHLY',
}
registerEnumType(ReportSchedule, { name: 'ReportSchedule', description: 'A scheduled report covers the period that just ended (UTC day, Monday-started week, month)' });

/** One metric of a report, with the title its section gets. */
export interface ReportQuery {
  title: string;
  metric: MetricDefinitionInput;
}

/**
 * A named set of metric queries, rendered to CSV or PDF and delivered as a document of the
 * document subgraph, now (`runReport`) or on a schedule. Filter values written `$name` take the
 * report's parameter `name` (overridable per run), so one report serves several regions or plans.
 */
@Entity({ tableName: 'report' })
@Index({ properties: ['nextRunAt'] })
@ObjectType('Report', { description: 'A named set of metric queries, delivered as a CSV or PDF document' })
export class Report extends TenantOwnedEntity {
  @Property({ type: 'text' })
  @Field(() => String)
  name!: string;

  @Enum({ items: () => ReportFormat })
  @Field(() => ReportFormat)
  format!: ReportFormat;

  @Enum({ items: () => ReportSchedule })
  @Field(() => ReportSchedule)
  schedule!: ReportSchedule;

  /** When the next scheduled period ends and its run is due; null when not scheduled. */
  @Property({ type: 'datetime', nullable: true })
  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When the next scheduled run is due (the end of the period it covers)' })
  nextRunAt?: Date | null;

  @Property({ type: 'jsonb' })
  @Field(() => GraphQLJSON, { description: 'The metric queries, each { title, metric }' })
  queries!: ReportQuery[];

  @Property({ type: 'jsonb', default: '{}' })
  @Field(() => GraphQLJSON, { description: 'Default values for $name in filter values' })
  parameters: Opt<Record<string, string>> = {};

  /** The identity User who owns it: runs deliver documents as this user. */
  @Property({ type: 'uuid' })
  ownerId!: string;
}
