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
