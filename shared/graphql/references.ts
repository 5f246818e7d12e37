import { Directive, Field, ID, ObjectType } from 'type-graphql';

/**
 * The identity subgraph's User as other subgraphs see it: only its key. A field returning it
 * returns `{ id }`; the gateway fetches the rest from identity (batched, one `_entities` call).
 */
@ObjectType('User')
@Directive('@key(fields: "id", resolvable: false)')
export class UserReference {
  @Field(() => ID)
  id!: string;
}

/** A reference to a user by id, or null when there is none. */
export function userReference(id: string | null | undefined): UserReference | null {
  return id ? { id } : null;
}

/**
 * The entity subgraph's EntityRecord as other subgraphs see it (a document's subject, an
 * invoice's customer record): its key only; the gateway fetches the rest from the entity subgraph.
 */
@ObjectType('EntityRecord')
@Directive('@key(fields: "id", resolvable: false)')
export class EntityRecordReference {
  @Field(() => ID)
  id!: string;
}

/** A reference to an entity record by id, or null when there is none. */
export function entityRecordReference(id: string | null | undefined): EntityRecordReference | null {
  return id ? { id } : null;
}

/** The finance subgraph's Invoice as other subgraphs see it (a document's subject): its key only. */
@ObjectType('Invoice')
@Directive('@key(fields: "id", resolvable: false)')
export class InvoiceReference {
  @Field(() => ID)
  id!: string;
}

/** A reference to an invoice by id, or null when there is none. */
export function invoiceReference(id: string | null | undefined): InvoiceReference | null {
  return id ? { id } : null;
}

/** The document subgraph's Document as other subgraphs see it (a delivered report): its key only. */
@ObjectType('Document')
@Directive('@key(fields: "id", resolvable: false)')
export class DocumentReference {
  @Field(() => ID)
  id!: string;
}

/** A reference to a document by id, or null when there is none. */
export function documentReference(id: string | null | undefined): DocumentReference | null {
  return id ? { id } : null;
}
