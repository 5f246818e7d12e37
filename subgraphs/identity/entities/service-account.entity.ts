import { type Opt } from '@mikro-orm/core';
import { Entity, Property } from '@mikro-orm/decorators/legacy';
import { Field, GraphQLISODateTime, ObjectType } from 'type-graphql';
import { TenantOwnedEntity } from '../../../shared/orm/base.entity.js';

/** A non-human caller that gets access tokens by OAuth2 client credentials. */
@Entity()
@ObjectType({ description: 'A service account (OAuth2 client credentials)' })
export class ServiceAccount extends TenantOwnedEntity {
  @Property({ type: 'text' })
  @Field()
  name!: string;

  @Property({ type: 'text', unique: true })
  @Field()
  clientId!: string;

  @Property({ type: 'text', hidden: true })
  secretHash!: string;

  @Property({ type: 'jsonb' })
  @Field(() => [String])
  scopes!: string[];

  @Property({ type: 'datetime', nullable: true })
  @Field(() => GraphQLISODateTime, { nullable: true })
  disabledAt: Opt<Date> | null = null;
}
