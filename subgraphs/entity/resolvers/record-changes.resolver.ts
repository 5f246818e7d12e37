import { Arg, Authorized, Ctx, ObjectType, Resolver, Root, Subscription } from 'type-graphql';
import { ChangeNotice, noticeOf } from '../../../shared/events/change-notice.js';
import type { DomainEvent } from '../../../shared/events/domain-event.js';
import { domainEvents, type SubscriptionContext } from '../../../shared/events/event-stream.js';
import { EntityRecord, NOT_DELETED_FILTER } from '../entities/entity-record.entity.js';

@ObjectType({ description: 'A record was created, updated, deleted (moved to the bin) or restored' })
export class RecordChange extends ChangeNotice(EntityRecord, 'record') {
  record!: EntityRecord | null;
}

interface RecordChangesArgs {
  type?: string | null;
}

@Resolver()
export class RecordChangesResolver {
  @Authorized('entity:record:read')
  @Subscription(() => RecordChange, {
    description: "Live changes to the caller tenant's records, optionally of one type",
    subscribe: ({ context, args }) => {
      const ctx = context as SubscriptionContext;
      const { type } = args as RecordChangesArgs;
      return domainEvents(ctx, async (event) => {
        if (event.source !== 'entity' || event.entityType !== EntityRecord.name) return false;
        return !type || (await recordType(ctx, event)) === type;
      });
    },
  })
  async recordChanged(
    @Root() event: DomainEvent,
    @Ctx() ctx: SubscriptionContext,
    @Arg('type', () => String, { nullable: true, description: 'Only records of this type' }) _type?: string | null,
  ): Promise<RecordChange> {
    const record = event.type.endsWith('.deleted') ? null : await ctx.em.findOne(EntityRecord, event.entityId);
    return { ...noticeOf(event), record };
  }
}

/** The record's type: from the event when it carries it (creates, deletes), else from the row. */
async function recordType(ctx: SubscriptionContext, event: DomainEvent): Promise<string | null> {
  const change = event.payload.changes.find((c) => c.field === 'type');
  if (change) return (change.newValue ?? change.oldValue) as string;
  // From the bin too: a soft delete is an update of deletedAt alone, and its subscribers still want it.
  return (await ctx.em.findOne(EntityRecord, event.entityId, { filters: { [NOT_DELETED_FILTER]: false } }))?.type ?? null;
}
