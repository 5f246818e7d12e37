import { Authorized, Ctx, ObjectType, Resolver, Root, Subscription } from 'type-graphql';
import { ChangeNotice, noticeOf } from '../../../shared/events/change-notice.js';
import type { DomainEvent } from '../../../shared/events/domain-event.js';
import { oncePerEvent } from '../../../shared/events/event-row.js';
import { domainEvents, type SubscriptionContext } from '../../../shared/events/event-stream.js';
import { Document } from '../entities/document.entity.js';

@ObjectType({ description: 'A document was created, updated or deleted' })
export class DocumentChange extends ChangeNotice(Document, 'document') {
  document!: Document | null;
}

@Resolver()
export class DocumentChangesResolver {
  @Authorized('document:document:read')
  @Subscription(() => DocumentChange, {
    description: "Live changes to the caller tenant's documents",
    subscribe: ({ context }) =>
      domainEvents(context as SubscriptionContext, (event) => event.source === 'document' && event.entityType === Document.name),
  })
  async documentChanged(@Root() event: DomainEvent, @Ctx() ctx: SubscriptionContext): Promise<DocumentChange> {
    const document = event.type.endsWith('.deleted') ? null : await oncePerEvent(event, 'document', () => ctx.em.findOne(Document, event.entityId));
    return { ...noticeOf(event), document };
  }
}
