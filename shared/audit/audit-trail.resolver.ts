import { Arg, Args, Authorized, Ctx, Field, GraphQLISODateTime, ID, InputType, ObjectType, Query, Resolver, Directive, Root, Subscription } from 'type-graphql';
import type { DomainEvent } from '../events/domain-event.js';
import { domainEvents, type SubscriptionContext } from '../events/event-stream.js';
import { z } from 'zod';
import type { FilterQuery } from '@mikro-orm/core';
import { AuditEntry } from './audit-entry.entity.js';
import { ListOf, PageArgs } from '../graphql/pagination.js';
import type { RequestContext } from '../context/context.js';
import { findPage } from '../orm/find-page.js';

@ObjectType({ description: 'A page of audit entries, newest first' })
@Directive('@shareable')
export class AuditEntryList extends ListOf(AuditEntry) {}

@InputType({ description: 'Narrows an audit trail; every field is optional' })
export class AuditTrailFilter {
  static rules = z
    .object({ from: z.date().nullish(), to: z.date().nullish() })
    .refine((f) => !f.from || !f.to || f.from <= f.to, { message: 'must not be after `to`', path: ['from'] });

  @Field({ nullable: true, description: 'Entity class, e.g. User' })
  entityType?: string;

  @Field(() => ID, { nullable: true })
  entityId?: string;

  @Field(() => ID, { nullable: true })
  actorId?: string;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'Changes at or after this time' })
  from?: Date;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'Changes at or before this time' })
  to?: Date;
}

function where(filter: AuditTrailFilter | undefined): FilterQuery<AuditEntry> {
  const createdAt = { ...(filter?.from ? { $gte: filter.from } : {}), ...(filter?.to ? { $lte: filter.to } : {}) };
  return {
    ...(filter?.entityType ? { entityType: filter.entityType } : {}),
    ...(filter?.entityId ? { entityId: filter.entityId } : {}),
    ...(filter?.actorId ? { actorId: filter.actorId } : {}),
    ...(Object.keys(createdAt).length ? { createdAt } : {}),
  };
}

/**
 * The audit trail query of one subgraph, named `<subgraph>AuditTrail` so the six compose side
 * by side. Rows are tenant-scoped by the ORM's tenant filter like every other read.
 */
export function createAuditTrailResolver(subgraph: string) {
  @Resolver()
  class AuditTrailResolver {
    @Authorized(`${subgraph}:audit:read`)
    @Query(() => AuditEntryList, {
      name: `${subgraph}AuditTrail`,
      description: `Recorded changes to the ${subgraph} subgraph's rows in the caller's tenant`,
    })
    async auditTrail(
      @Ctx() ctx: RequestContext,
      @Args(() => PageArgs) page: PageArgs,
      @Arg('filter', () => AuditTrailFilter, { nullable: true }) filter?: AuditTrailFilter,
    ): Promise<AuditEntryList> {
      return findPage(ctx.em, AuditEntry, where(filter), page);
    }

    @Authorized(`${subgraph}:audit:read`)
    @Subscription(() => AuditEntry, {
      name: `${subgraph}AuditEntryAdded`,
      description: `Each change to the ${subgraph} subgraph's rows in the caller's tenant, live, as its audit entry`,
      subscribe: ({ context, args }) =>
        domainEvents(context as SubscriptionContext, (event) => {
          const entityType = (args as { entityType?: string | null }).entityType;
          return event.source === subgraph && event.payload.auditEntryId !== null && (!entityType || event.entityType === entityType);
        }),
    })
    async auditEntryAdded(
      @Root() event: DomainEvent,
      @Ctx() ctx: SubscriptionContext,
      @Arg('entityType', () => String, { nullable: true, description: 'Only changes to this entity class, e.g. Invoice' }) _entityType?: string | null,
    ): Promise<AuditEntry> {
      return ctx.em.findOneOrFail(AuditEntry, event.payload.auditEntryId as string);
    }
  }
  return AuditTrailResolver;
}
