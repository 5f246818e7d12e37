import { ArgsType, Field, GraphQLISODateTime, registerEnumType } from 'type-graphql';
import { z } from 'zod';

export enum ReportGranularity {
  DAY = 'day',
  WEEK = 'week',
  MONTH = 'month',
  QUARTER = 'quarter',
  YEAR = 'year',
}
registerEnumType(ReportGranularity, { name: 'ReportGranularity', description: 'Calendar periods (UTC) a report is split into' });

/** A half-open period [from, to) of at most ten years. */
const period = z
  .object({ from: z.date(), to: z.date() })
  .refine((p) => p.from < p.to, { message: 'must be after from', path: ['to'] })
  .refine((p) => p.to.getTime() - p.from.getTime() <= 3_660 * 86_400_000, { message: 'must be within ten years of from', path: ['to'] });

@ArgsType()
export class ReportPeriodArgs {
  static rules: z.ZodType = period;

  @Field(() => GraphQLISODateTime, { description: 'From this time (inclusive)' })
  from!: Date;

  @Field(() => GraphQLISODateTime, { description: 'To this time (exclusive)' })
  to!: Date;
}

@ArgsType()
export class RevenueReportArgs extends ReportPeriodArgs {
  static override rules: z.ZodType = z.intersection(period, z.object({ granularity: z.enum(ReportGranularity), byProduct: z.boolean() }));

  @Field(() => ReportGranularity, { defaultValue: ReportGranularity.MONTH })
  granularity: ReportGranularity = ReportGranularity.MONTH;

  @Field(() => Boolean, { defaultValue: false, description: 'One row per product and period (lines priced from a product’s price; others under no product)' })
  byProduct: boolean = false;
}

@ArgsType()
export class AgeingArgs {
  static rules = z.object({ asOf: z.date().nullish() });

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'Age receivables as of this time (default: now)' })
  asOf?: Date | null;
}
