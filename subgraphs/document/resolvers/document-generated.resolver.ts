import { Authorized, Ctx, Field, ObjectType, Resolver, Root, Subscription } from 'type-graphql';
import type { DomainEvent } from '../../../shared/events/domain-event.js';
import { oncePerEvent } from '../../../shared/events/event-row.js';
import { domainEvents, type SubscriptionContext } from '../../../shared/events/event-stream.js';
import { Document, GenerationStatus } from '../entities/document.entity.js';

@ObjectType({ description: 'A generated document is ready, or its generation failed' })
export class DocumentGenerated {
  @Field(() => Document)
  document!: Document;

  @Field(() => GenerationStatus, { description: 'READY or FAILED' })
  status!: GenerationStatus;

  @Field(() => String, { nullable: true, description: 'Why it failed: the template line and variable' })
  error!: string | null;
}

/** The status a committed change moved a document's generation to, when it finished one. */
const finishedAs = (event: DomainEvent) => {
  const change = event.payload.changes.find((c) => c.field === 'generationStatus');
  const to = change?.newValue as GenerationStatus | undefined;
  return to === GenerationStatus.READY || to === GenerationStatus.FAILED ? to : undefined;
};

@Resolver()
export class DocumentGeneratedResolver {
  @Authorized('document:document:read')
  @Subscription(() => DocumentGenerated, {
    description: "The caller tenant's generated documents as each becomes ready (or fails)",
    subscribe: ({ context }) =>
      domainEvents(context as SubscriptionContext, (event) => event.source === 'document' && event.entityType === Document.name && finishedAs(event) !== undefined),
  })
  async documentGenerated(@Root() event: DomainEvent, @Ctx() ctx: SubscriptionContext): Promise<DocumentGenerated> {
    const document = await oncePerEvent(event, 'document', () => ctx.em.findOneOrFail(Document, event.entityId));
    return { document, status: finishedAs(event)!, error: document.generationError ?? null };
  }
}
