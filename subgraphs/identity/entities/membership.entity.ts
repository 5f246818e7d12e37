import { type Opt } from '@mikro-orm/core';
import { Entity, ManyToOne, Property, Unique } from '@mikro-orm/decorators/legacy';
import { TenantOwnedEntity } from '../../../shared/orm/base.entity.js';
import { Role } from './role.entity.js';
import { User } from './user.entity.js';

/** A user's place in a tenant, with the role that decides what they may do there. */
@Entity()
@Unique({ properties: ['tenantId', 'user'] })
export class Membership extends TenantOwnedEntity {
  @ManyToOne(() => User, { deleteRule: 'cascade' })
  user!: User;

  @ManyToOne(() => Role, { deleteRule: 'restrict' })
  role!: Role;

  /** Set when an admin deactivates the member: no sign-in or refresh in this tenant after it. */
  @Property({ type: 'datetime', nullable: true })
  deactivatedAt: Opt<Date> | null = null;
}
