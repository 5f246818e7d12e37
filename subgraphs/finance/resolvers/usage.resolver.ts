import { Arg, Args, Authorized, Ctx, Field, Float, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../../shared/context/context.js';
import { Meter, MeterAggregation } from '../entities/meter.entity.js';
import { UsageBatch } from '../entities/usage-batch.entity.js';
import { CreateMeterInput, UsageEventInput, UsageSummaryArgs } from '../inputs/usage.input.js';
import type { FinanceLoaders } from '../loaders/finance.loaders.js';
import * as usage from '../services/usage.service.js';

type Ctx = RequestContext<FinanceLoaders>;

@ObjectType({ description: "A customer's usage of a meter over a period" })
export class UsageSummary implements usage.UsageSummary {
  @Field(() => String)
  meterKey!: string;

  @Field(() => MeterAggregation)
  aggregation!: MeterAggregation;

  @Field(() => Float, { description: 'The aggregate (a metered price bills it rounded up)' })
  quantity!: number;
}

@Resolver()
export class UsageResolver {
  @Authorized('finance:catalog:write')
  @Mutation(() => Meter)
  createMeter(@Ctx() ctx: Ctx, @Arg('input', () => CreateMeterInput) input: CreateMeterInput): Promise<Meter> {
    return usage.createMeter(ctx, input);
  }

  @Authorized('finance:catalog:read')
  @Query(() => [Meter])
  meters(@Ctx() ctx: Ctx): Promise<Meter[]> {
    return usage.listMeters(ctx);
  }

  @Authorized('finance:usage:write')
  @Mutation(() => UsageBatch, { description: 'Records up to 5,000 metered events, all or none; an event id sent before counts once' })
  recordUsage(@Ctx() ctx: Ctx, @Arg('events', () => [UsageEventInput]) events: UsageEventInput[]): Promise<UsageBatch> {
    return usage.recordUsage(ctx, events);
  }

  @Authorized('finance:usage:read')
  @Query(() => UsageSummary)
  usageSummary(@Ctx() ctx: Ctx, @Args(() => UsageSummaryArgs) args: UsageSummaryArgs): Promise<UsageSummary> {
    return usage.usageSummary(ctx, args);
  }
}
