import { Arg, Args, Authorized, Ctx, Field, FieldResolver, GraphQLISODateTime, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../../shared/context/context.js';
import { ListOf, PageArgs } from '../../../shared/graphql/pagination.js';
import { UserReference, userReference } from '../../../shared/graphql/references.js';
import { AnalyticsEvent } from '../entities/analytics-event.entity.js';
import { FactBatch } from '../entities/fact-batch.entity.js';
import { EventCountsArgs } from '../inputs/count-events.input.js';
import { TrackEventInput } from '../inputs/track-event.input.js';
import type { AnalyticsLoaders } from '../loaders/analytics.loaders.js';
import * as events from '../services/analytics-event.service.js';

type Ctx = RequestContext<AnalyticsLoaders>;

@ObjectType({ description: 'A page of events' })
export class AnalyticsEventList extends ListOf(AnalyticsEvent) {}

@ObjectType({ description: 'How many events fell in one time bucket' })
export class EventCount implements events.BucketCount {
  @Field(() => GraphQLISODateTime, { description: 'Start of the bucket, in UTC' })
  bucket!: Date;

  @Field(() => Int)
  count!: number;
}

@Resolver(() => AnalyticsEvent)
export class AnalyticsEventResolver {
  @Authorized('analytics:event:read')
  @Query(() => AnalyticsEventList, { description: "The caller tenant's events, most recently tracked first" })
  events(
    @Ctx() ctx: Ctx,
    @Args(() => PageArgs) page: PageArgs,
    @Arg('name', () => String, { nullable: true, description: 'Only events of this name' }) name?: string | null,
  ): Promise<AnalyticsEventList> {
    return events.listEvents(ctx, name, page);
  }

  @Authorized('analytics:event:read')
  @Query(() => [EventCount], {
    description: 'Counts of the events of one name per time bucket, oldest first; buckets without events are omitted',
  })
  eventCounts(@Ctx() ctx: Ctx, @Args(() => EventCountsArgs) args: EventCountsArgs): Promise<EventCount[]> {
    return events.countEvents(ctx, args);
  }

  @Authorized('analytics:event:write')
  @Mutation(() => FactBatch, {
    description: `Records up to ${events.MAX_TRACKED_FACTS} facts in one statement; a fact whose id was tracked before is skipped (counted in duplicates), so a batch is safe to retry`,
  })
  trackEvents(@Ctx() ctx: Ctx, @Arg('events', () => [TrackEventInput]) input: TrackEventInput[]): Promise<FactBatch> {
    return events.trackEvents(ctx, input);
  }

  @Authorized('analytics:event:write')
  @Mutation(() => AnalyticsEvent, { description: 'Records a fact done by the caller (the one recorded before when its id was tracked already)' })
  trackEvent(@Ctx() ctx: Ctx, @Arg('input', () => TrackEventInput) input: TrackEventInput): Promise<AnalyticsEvent> {
    return events.trackEvent(ctx, input);
  }

  @FieldResolver(() => UserReference, { nullable: true, description: 'Null when no user did it or the user is not visible' })
  actor(@Root() event: AnalyticsEvent): UserReference | null {
    return userReference(event.actorId);
  }
}
