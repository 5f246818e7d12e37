import { type Opt } from '@mikro-orm/core';
import { Entity, Property, Unique } from '@mikro-orm/decorators/legacy';
import { Field, ObjectType } from 'type-graphql';
import { TenantOwnedEntity } from '../../../shared/orm/base.entity.js';

/** A named set of permissions in one tenant. Roles are data: created and edited at run time. */
@Entity()
@Unique({ properties: ['tenantId', 'name'] })
@ObjectType({ description: 'A role: a named set of permissions in the tenant' })
export class Role extends TenantOwnedEntity {
  @Property({ type: 'text' })
  @Field()
  name!: string;

  @Property({ type: 'text', default: '' })
  @Field(() => String)
  description: Opt<string> = '';

  @Property({ type: 'jsonb' })
  @Field(() => [String], { description: 'Permissions such as finance:invoice:write; * wildcards allowed' })
  permissions!: string[];

  /** owner, admin, member, viewer: seeded per tenant; owner cannot be edited or deleted. */
  @Property({ type: 'boolean', default: false })
  @Field(() => Boolean)
  builtIn: Opt<boolean> = false;
}
