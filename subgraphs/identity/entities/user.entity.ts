import { type Opt } from '@mikro-orm/core';
import { Entity, Enum, Property } from '@mikro-orm/decorators/legacy';
import { Directive, Field, ObjectType, registerEnumType } from 'type-graphql';
import { BaseEntity } from '../../../shared/orm/base.entity.js';

export enum UserStatus {
  ACTIVE = 'active',
  DEACTIVATED = 'deactivated',
}
registerEnumType(UserStatus, { name: 'UserStatus' });

/**
 * A person. Users are global (one login, many tenants); what a tenant sees of them goes
 * through its memberships.
 */
@Entity({ tableName: 'user_account' })
@ObjectType({ description: 'A person who can sign in' })
@Directive('@key(fields: "id")')
export class User extends BaseEntity {
  @Property({ type: 'text', unique: true })
  @Field({ description: 'Unique, stored lower-cased' })
  email!: string;

  @Property({ type: 'text' })
  @Field()
  displayName!: string;

  /** argon2id; null for an invited user who has not set one yet. Never leaves this subgraph. */
  @Property({ type: 'text', nullable: true, hidden: true, lazy: true })
  passwordHash: Opt<string> | null = null;

  @Enum({ items: () => UserStatus })
  @Field(() => UserStatus)
  status: Opt<UserStatus> = UserStatus.ACTIVE;

}
