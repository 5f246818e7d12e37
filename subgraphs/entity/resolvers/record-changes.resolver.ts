import { Arg, Authorized, Ctx, ObjectType, Resolver, Root, Subscription } from 'type-graphql';
import { ChangeNotice, noticeOf } from '../../../shared/events/change-notice.js';
import type { DomainEvent } from '../../../shared/events/domain-event.js';
import { oncePerEvent } from '../../../shared/events/event-row.js';
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
    const row = event.type.endsWith('.deleted') ? null : await recordRow(ctx, event);
    return { ...noticeOf(event), record: row && !row.deletedAt ? row : null };
  }
}

/** The record's type: from the event when it carries it (creates, deletes), else from the row. */
async function recordType(ctx: SubscriptionContext, event: DomainEvent): Promise<string | null> {
  const change = event.payload.changes.find((c) => c.field === 'type');
  if (change) return (change.newValue ?? change.oldValue) as string;
  return (await recordRow(ctx, event))?.type ?? null;
}

/**
 * The event's record as it is now, read once for all subscribers; from the bin too, since a soft
 * delete is an update of deletedAt alone and its subscribers still want to know the type.
 */
function recordRow(ctx: SubscriptionContext, event: DomainEvent): Promise<EntityRecord | null> {
  return oncePerEvent(event, 'record', () => ctx.em.findOne(EntityRecord, event.entityId, { filters: { [NOT_DELETED_FILTER]: false } }));
}
