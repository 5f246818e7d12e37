import { ArgsType, Field, GraphQLISODateTime, registerEnumType } from 'type-graphql';
import { z } from 'zod';
import { eventNameRule } from './track-event.input.js';

/** The width of the buckets events are counted in, in UTC. */
export enum TimeGranularity {
  HOUR = 'HOUR',
  DAY = 'DAY',
  WEEK = 'WEEK',
  MONTH = 'MONTH',
}
registerEnumType(TimeGranularity, {
  name: 'TimeGranularity',
  description: 'Bucket width; weeks start on Monday; all buckets are in UTC',
});

/** Hourly counts over at most this many days: a year of hours is already 8,784 buckets. */
export const MAX_HOURLY_RANGE_DAYS = 366;
const DAY_MS = 86_400_000;

@ArgsType()
export class EventCountsArgs {
  static rules = z
    .object({ name: eventNameRule, from: z.date(), to: z.date(), granularity: z.enum(TimeGranularity) })
    .superRefine(({ from, to, granularity }, check) => {
      if (from > to) check.addIssue({ code: 'custom', path: ['from'], message: 'must not be after `to`' });
      else if (granularity === TimeGranularity.HOUR && to.getTime() - from.getTime() > MAX_HOURLY_RANGE_DAYS * DAY_MS) {
        check.addIssue({ code: 'custom', path: ['to'], message: `must be at most ${MAX_HOURLY_RANGE_DAYS} days after \`from\` for HOUR` });
      }
    });

  @Field(() => String)
  name!: string;

  @Field(() => GraphQLISODateTime, { description: 'Counts events at or after this time' })
  from!: Date;

  @Field(() => GraphQLISODateTime, { description: 'Counts events before this time' })
  to!: Date;

  @Field(() => TimeGranularity, { defaultValue: TimeGranularity.DAY })
  granularity: TimeGranularity = TimeGranularity.DAY;
}
