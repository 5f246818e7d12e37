import { Authorized, Ctx, Field, GraphQLISODateTime, ID, ObjectType, Resolver, Root, Subscription } from 'type-graphql';
import type { DomainEvent } from '../../../shared/events/domain-event.js';
import { oncePerEvent } from '../../../shared/events/event-row.js';
import { domainEvents, type SubscriptionContext } from '../../../shared/events/event-stream.js';
import { Invoice, InvoiceStatus } from '../entities/invoice.entity.js';

@ObjectType({ description: "An invoice's status changed (or it was created, from no status)" })
export class InvoiceStatusChange {
  @Field(() => Invoice)
  invoice!: Invoice;

  @Field(() => InvoiceStatus, { nullable: true, description: 'Null when the invoice was just created' })
  from!: InvoiceStatus | null;

  @Field(() => InvoiceStatus)
  to!: InvoiceStatus;

  @Field(() => ID, { nullable: true, description: 'The user who changed it, when known' })
  actorId!: string | null;

  @Field(() => GraphQLISODateTime)
  occurredAt!: Date;
}

const statusChange = (event: DomainEvent) => event.payload.changes.find((change) => change.field === 'status');

@Resolver()
export class InvoiceChangesResolver {
  @Authorized('finance:invoice:read')
  @Subscription(() => InvoiceStatusChange, {
    description: "Live status changes of the caller tenant's invoices (draft, issued, paid, void)",
    subscribe: ({ context }) =>
      domainEvents(
        context as SubscriptionContext,
        (event) => event.source === 'finance' && event.entityType === Invoice.name && !event.type.endsWith('.deleted') && statusChange(event) !== undefined,
      ),
  })
  async invoiceStatusChanged(@Root() event: DomainEvent, @Ctx() ctx: SubscriptionContext): Promise<InvoiceStatusChange> {
    const change = statusChange(event);
    return {
      invoice: await oncePerEvent(event, 'invoice', () => ctx.em.findOneOrFail(Invoice, event.entityId)),
      from: (change?.oldValue ?? null) as InvoiceStatus | null,
      to: change?.newValue as InvoiceStatus,
      actorId: event.actorId,
      occurredAt: new Date(event.occurredAt),
    };
  }
}
