import { Entity, Property } from '@mikro-orm/decorators/legacy';
import { BaseEntity } from '../../../shared/orm/base.entity.js';

/**
 * The platform's key pair for signing documents (ECDSA P-256). Made on first use; verification
 * finds the key by `kid`, so a signature made with a key that is gone verifies as UNKNOWN_KEY.
 */
@Entity({ tableName: 'document_signing_key' })
export class DocumentSigningKey extends BaseEntity {
  /** A platform key, not any tenant's: its audit entry and event belong to no tenant's trail. */
  auditTenantId(): null {
    return null;
  }

  @Property({ type: 'text', unique: true })
  kid!: string;

  @Property({ type: 'text' })
  publicKeyPem!: string;

  /** The private key (PKCS#8 PEM), AES-256-GCM sealed with KEY_ENCRYPTION_SECRET. */
  @Property({ type: 'text', hidden: true })
  privateKeyEncrypted!: string;
}
