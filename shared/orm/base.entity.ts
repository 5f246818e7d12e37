import { type Opt } from '@mikro-orm/core';
import { PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Field, GraphQLISODateTime, ID, ObjectType } from 'type-graphql';
import { v7 as uuidv7 } from 'uuid';

/**
 * Identity and timestamps every table shares. Ids are UUIDv7: made in the process (so a new
 * row's id is known before the insert, for audit and events) and time-ordered (so they index
 * and paginate well). Entities that double as GraphQL types inherit these three fields.
 */
@ObjectType()
export abstract class BaseEntity {
  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID)
  id: string = uuidv7();

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  @Field(() => GraphQLISODateTime)
  createdAt: Opt<Date> = new Date();

  @Property({ type: 'datetime', defaultRaw: 'now()', onUpdate: () => new Date() })
  @Field(() => GraphQLISODateTime)
  updatedAt: Opt<Date> = new Date();
}

/**
 * A row that belongs to one tenant. The `tenant` filter (see init-orm.ts) restricts every
 * read of these entities to the caller's tenant, so a forgotten check cannot leak rows.
 */
@ObjectType()
export abstract class TenantOwnedEntity extends BaseEntity {
  @Property({ type: 'uuid', index: true })
  tenantId!: string;
}
