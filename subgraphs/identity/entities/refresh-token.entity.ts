import { type Opt } from '@mikro-orm/core';
import { Entity, Index, Property } from '@mikro-orm/decorators/legacy';
import { BaseEntity } from '../../../shared/orm/base.entity.js';

/**
 * One refresh token, stored only as its SHA-256. Tokens of one sign-in form a family; using a
 * token replaces it, and using a replaced one again revokes the whole family (reuse detection).
 * Global, not tenant-filtered: a refresh arrives before anyone knows the caller.
 */
@Entity()
@Index({ properties: ['familyId'] })
export class RefreshToken extends BaseEntity {
  // Hidden: kept out of the audit trail and domain events like every other credential hash.
  @Property({ type: 'text', unique: true, hidden: true })
  tokenHash!: string;

  @Property({ type: 'uuid' })
  familyId!: string;

  @Property({ type: 'uuid' })
  userId!: string;

  @Property({ type: 'uuid' })
  tenantId!: string;

  @Property({ type: 'datetime' })
  expiresAt!: Date;

  @Property({ type: 'datetime', nullable: true })
  usedAt: Opt<Date> | null = null;

  @Property({ type: 'datetime', nullable: true })
  revokedAt: Opt<Date> | null = null;
}
