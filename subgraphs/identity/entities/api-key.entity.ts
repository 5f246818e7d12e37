import { type Opt } from '@mikro-orm/core';
import { Entity, Property } from '@mikro-orm/decorators/legacy';
import { Field, GraphQLISODateTime, ObjectType } from 'type-graphql';
import { TenantOwnedEntity } from '../../../shared/orm/base.entity.js';

/**
 * A tenant's API key. The secret is shown once at creation; only its SHA-256 is kept (it is
 * 256 random bits, so a slow hash adds nothing). The prefix finds the row and is safe to show.
 */
@Entity()
@ObjectType({ description: 'An API key of the tenant (the secret is never shown again)' })
export class ApiKey extends TenantOwnedEntity {
  @Property({ type: 'text' })
  @Field()
  name!: string;

  @Property({ type: 'text', unique: true })
  @Field({ description: 'The start of the key, to tell keys apart' })
  prefix!: string;

  @Property({ type: 'text', hidden: true })
  secretHash!: string;

  @Property({ type: 'jsonb' })
  @Field(() => [String])
  scopes!: string[];

  @Property({ type: 'datetime', nullable: true })
  @Field(() => GraphQLISODateTime, { nullable: true })
  expiresAt: Opt<Date> | null = null;

  @Property({ type: 'datetime', nullable: true })
  @Field(() => GraphQLISODateTime, { nullable: true })
  revokedAt: Opt<Date> | null = null;

  @Property({ type: 'datetime', nullable: true })
  @Field(() => GraphQLISODateTime, { nullable: true })
  lastUsedAt: Opt<Date> | null = null;

  @Property({ type: 'uuid', nullable: true })
  createdById: Opt<string> | null = null;
}
