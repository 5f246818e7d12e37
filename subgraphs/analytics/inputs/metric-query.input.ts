import { Field, Float, GraphQLISODateTime, InputType, registerEnumType } from 'type-graphql';
import { z } from 'zod';
import { eventNameRule } from './track-event.input.js';

/** What a metric computes over the facts it selects. */
export enum MetricMeasure {
  COUNT = 'COUNT',
  SUM = 'SUM',
  AVERAGE = 'AVERAGE',
  MIN = 'MIN',
  MAX = 'MAX',
  DISTINCT_COUNT = 'DISTINCT_COUNT',
  PERCENTILE = 'PERCENTILE',
}
registerEnumType(MetricMeasure, {
  name: 'MetricMeasure',
  description: 'COUNT counts facts; DISTINCT_COUNT counts distinct values of `field`; the rest aggregate the number in `field`',
});

/** Bucket width of a metric's series, in UTC. */
export enum MetricGranularity {
  MINUTE = 'MINUTE',
  HOUR = 'HOUR',
  DAY = 'DAY',
  WEEK = 'WEEK',
  MONTH = 'MONTH',
  /** One bucket for the whole range: the number a NUMBER widget shows. */
  TOTAL = 'TOTAL',
}
registerEnumType(MetricGranularity, { name: 'MetricGranularity', description: 'Weeks start on Monday; TOTAL is one value over the whole range' });

/** A property name of a fact, used as a dimension (filter, group) or a measure (field). */
const propertyRule = z.string().regex(/^[A-Za-z_][\w.-]{0,63}$/, 'is not a property name');

@InputType({ description: 'Only facts whose property equals the value' })
export class MetricFilterInput {
  @Field(() => String)
  property!: string;

  @Field(() => String, { description: 'Compared with the property as text' })
  equals!: string;
}

/**
 * A metric as data: a measure over the facts of one type, filtered and grouped by their
 * properties, in time buckets. Stored as is on widgets; answered by one SQL statement.
 */
@InputType({ description: 'A metric: which facts, what to compute, how to group' })
export class MetricDefinitionInput {
  static shape = z
    .object({
      factType: eventNameRule,
      measure: z.enum(MetricMeasure),
      field: propertyRule.nullish(),
      percentile: z.number().gt(0).lt(1).nullish(),
      filters: z.array(z.object({ property: propertyRule, equals: z.string().max(500) })).max(10).nullish(),
      groupBy: propertyRule.nullish(),
      granularity: z.enum(MetricGranularity),
    })
    .superRefine((metric, check) => {
      if (metric.measure !== MetricMeasure.COUNT && !metric.field) {
        check.addIssue({ code: 'custom', path: ['field'], message: `is required for ${metric.measure}` });
      }
      if (metric.measure === MetricMeasure.PERCENTILE && metric.percentile == null) {
        check.addIssue({ code: 'custom', path: ['percentile'], message: 'is required for PERCENTILE (0 < p < 1)' });
      }
    });
  static rules = MetricDefinitionInput.shape;

  @Field(() => String, { description: 'The fact type (event name), e.g. order.placed or entityrecord.created' })
  factType!: string;

  @Field(() => MetricMeasure)
  measure!: MetricMeasure;

  @Field(() => String, { nullable: true, description: 'The property measured (all measures but COUNT)' })
  field?: string | null;

  @Field(() => Float, { nullable: true, description: 'For PERCENTILE: 0.5 is the median, 0.95 the 95th percentile' })
  percentile?: number | null;

  @Field(() => [MetricFilterInput], { nullable: true })
  filters?: MetricFilterInput[] | null;

  @Field(() => String, { nullable: true, description: 'A property whose values split the series into groups' })
  groupBy?: string | null;

  @Field(() => MetricGranularity, { defaultValue: MetricGranularity.DAY })
  granularity: MetricGranularity = MetricGranularity.DAY;
}

/** Longest range one query may cover, so a MINUTE series cannot ask for millions of buckets. */
export const MAX_RANGE_DAYS: Record<MetricGranularity, number> = {
  MINUTE: 2,
  HOUR: 366,
  DAY: 3_660,
  WEEK: 3_660,
  MONTH: 36_600,
  TOTAL: 36_600,
};

@InputType({ description: 'A time range: from (inclusive) to (exclusive)' })
export class MetricRangeInput {
  static rules = z.object({ from: z.date(), to: z.date() }).refine((r) => r.from < r.to, { message: 'must be before `to`', path: ['from'] });

  @Field(() => GraphQLISODateTime)
  from!: Date;

  @Field(() => GraphQLISODateTime)
  to!: Date;
}
