import { Field, GraphQLISODateTime, ID, ObjectType, registerEnumType, type ClassType } from 'type-graphql';
import { changeKindOf, type DomainEvent } from './domain-event.js';

export enum ChangeAction {
  CREATED = 'created',
  UPDATED = 'updated',
  DELETED = 'deleted',
  RESTORED = 'restored',
}
registerEnumType(ChangeAction, {
  name: 'ChangeAction',
  description: 'What a change did to its row',
  valuesConfig: {
    DELETED: { description: 'Deleted, or moved to the bin where the row has one' },
    RESTORED: { description: 'Brought back from the bin' },
  },
});

/**
 * Base of every live-update payload: what changed, who changed it and when, and the row as
 * it is now under a field named for its type (`record`, `invoice`); null once deleted.
 */
export function ChangeNotice<T extends object>(item: ClassType<T>, field: string) {
  @ObjectType()
  abstract class Notice {
    @Field(() => ID, { description: 'The domain event; unique, for deduplication' })
    eventId!: string;

    @Field(() => ChangeAction)
    action!: ChangeAction;

    @Field(() => ID)
    id!: string;

    @Field(() => [String], { description: 'Fields the change touched' })
    changedFields!: string[];

    @Field(() => ID, { nullable: true, description: 'The user who made the change, when known' })
    actorId!: string | null;

    @Field(() => GraphQLISODateTime)
    occurredAt!: Date;
  }
  Field(() => item, { nullable: true, description: 'The row as it is now; null once deleted' })(Notice.prototype, field);
  return Notice;
}

/** The notice fields an event gives directly; the row itself is loaded by the resolver. */
export function noticeOf(event: DomainEvent) {
  return {
    eventId: event.id,
    action: changeKindOf(event) as ChangeAction,
    id: event.entityId,
    changedFields: event.payload.changes.map((change) => change.field),
    actorId: event.actorId,
    occurredAt: new Date(event.occurredAt),
  };
}
