import { Arg, Authorized, Ctx, Field, Float, GraphQLISODateTime, ObjectType, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../../shared/context/context.js';
import { MetricDefinitionInput, MetricRangeInput } from '../inputs/metric-query.input.js';
import * as metrics from '../services/metric.service.js';

@ObjectType({ description: "One value of a metric's series" })
export class MetricPoint implements metrics.MetricPoint {
  @Field(() => GraphQLISODateTime, { description: 'Start of the bucket, in UTC' })
  bucket!: Date;

  @Field(() => String, { nullable: true, description: "The groupBy property's value; null when not grouped" })
  group!: string | null;

  @Field(() => Float, { nullable: true, description: 'Null when no fact in the bucket had a number in the field' })
  value!: number | null;
}

@Resolver()
export class MetricResolver {
  @Authorized('analytics:event:read')
  @Query(() => [MetricPoint], { description: 'A metric over a time range, bucket by bucket, oldest first; empty buckets are absent' })
  metricValues(
    @Ctx() ctx: RequestContext,
    @Arg('metric', () => MetricDefinitionInput) metric: MetricDefinitionInput,
    @Arg('range', () => MetricRangeInput) range: MetricRangeInput,
  ): Promise<MetricPoint[]> {
    return metrics.metricValues(ctx, metric, range);
  }
}
