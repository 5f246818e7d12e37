import { GraphQLJSON } from 'graphql-scalars';
import { Field, GraphQLISODateTime, InputType } from 'type-graphql';
import { z } from 'zod';
import { ReportFormat, ReportSchedule } from '../entities/report.entity.js';
import { MetricDefinitionInput } from './metric-query.input.js';

const parameters = z
  .record(z.string().regex(/^\w{1,40}$/, 'is not a parameter name'), z.string().max(200), 'must be a JSON object of text values')
  .refine((p) => Object.keys(p).length <= 20, 'must have at most 20 parameters');

@InputType({ description: 'One metric of a report' })
export class ReportQueryInput {
  static rules = z.object({ title: z.string().trim().min(1, 'must not be empty').max(200), metric: MetricDefinitionInput.shape });

  @Field(() => String)
  title!: string;

  @Field(() => MetricDefinitionInput)
  metric!: MetricDefinitionInput;
}

@InputType({ description: 'A new report' })
export class CreateReportInput {
  static rules = z.object({
    name: z.string().trim().min(1, 'must not be empty').max(200),
    format: z.enum(ReportFormat),
    schedule: z.enum(ReportSchedule),
    queries: z.array(ReportQueryInput.rules).min(1, 'must hold at least one query').max(20, 'must hold at most 20 queries'),
    parameters: parameters.nullish(),
    firstRunAt: z.date().nullish(),
  });

  @Field(() => String)
  name!: string;

  @Field(() => ReportFormat)
  format!: ReportFormat;

  @Field(() => ReportSchedule, { defaultValue: ReportSchedule.NONE })
  schedule: ReportSchedule = ReportSchedule.NONE;

  @Field(() => [ReportQueryInput])
  queries!: ReportQueryInput[];

  @Field(() => GraphQLJSON, { nullable: true, description: 'Default values for $name in filter values' })
  parameters?: Record<string, string> | null;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When the first scheduled run is due (the end of its period); defaults to the end of the current period' })
  firstRunAt?: Date | null;
}

/** What a run asked for takes: the period, and parameters over the report's. */
export const runParameters = parameters;
