import { type Opt } from '@mikro-orm/core';
import { Entity, Property } from '@mikro-orm/decorators/legacy';
import { BaseEntity } from '../../../shared/orm/base.entity.js';

/**
 * A key pair that signs access tokens. The newest unretired key signs; retired keys stay in
 * the JWKS until every token they signed has expired, so rotation never logs anyone out.
 */
@Entity()
export class SigningKey extends BaseEntity {
  /** A platform key, not any tenant's: its audit entry and event belong to no tenant's trail. */
  auditTenantId(): null {
    return null;
  }

  @Property({ type: 'text', unique: true })
  kid!: string;

  @Property({ type: 'text' })
  alg!: string;

  @Property({ type: 'jsonb' })
  publicJwk!: Record<string, unknown>;

  /** The private JWK, AES-256-GCM encrypted with KEY_ENCRYPTION_SECRET. */
  @Property({ type: 'text', hidden: true })
  privateJwkEncrypted!: string;

  @Property({ type: 'datetime', nullable: true })
  retiredAt: Opt<Date> | null = null;
}
