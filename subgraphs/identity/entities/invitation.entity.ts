import { type Opt } from '@mikro-orm/core';
import { Entity, Property } from '@mikro-orm/decorators/legacy';
import { Field, GraphQLISODateTime, ObjectType } from 'type-graphql';
import { TenantOwnedEntity } from '../../../shared/orm/base.entity.js';

/** An invitation to join a tenant with a role; its token is shown once and kept hashed. */
@Entity()
@ObjectType({ description: 'An invitation to join the tenant' })
export class Invitation extends TenantOwnedEntity {
  @Property({ type: 'text' })
  @Field()
  email!: string;

  @Property({ type: 'text' })
  @Field()
  roleName!: string;

  @Property({ type: 'text', unique: true, hidden: true })
  tokenHash!: string;

  @Property({ type: 'datetime' })
  @Field(() => GraphQLISODateTime)
  expiresAt!: Date;

  @Property({ type: 'datetime', nullable: true })
  @Field(() => GraphQLISODateTime, { nullable: true })
  acceptedAt: Opt<Date> | null = null;

  @Property({ type: 'uuid', nullable: true })
  invitedById: Opt<string> | null = null;
}
