import { Entity, Index, Property } from '@mikro-orm/decorators/legacy';
import { Field, ObjectType } from 'type-graphql';
import { BaseEntity } from '../../../shared/orm/base.entity.js';

/**
 * A key pair for signing documents (ECDSA P-256): the platform's (no tenant; made on first use)
 * or a tenant's own (made by `rotateTenantSigningKey`; the newest signs that tenant's documents).
 * Verification finds the key by `kid`, so a signature made with a key that is gone, or with another
 * tenant's key, verifies as UNKNOWN_KEY. Old keys stay so old signatures keep verifying.
 */
@Entity({ tableName: 'document_signing_key' })
@Index({ properties: ['tenantId', 'createdAt'] })
@ObjectType('DocumentSigningKey', { description: 'A public key that signs documents; verifiers outside the platform can check signatures with it' })
export class DocumentSigningKey extends BaseEntity {
  /** A platform key belongs to no tenant's audit trail; a tenant key to its tenant's. */
  auditTenantId(): string | null {
    return this.tenantId ?? null;
  }

  /** Null for the platform's key. */
  @Property({ type: 'uuid', nullable: true })
  tenantId?: string | null;

  @Property({ type: 'text', unique: true })
  @Field(() => String, { description: 'The id signatures name as keyId' })
  kid!: string;

  @Property({ type: 'text' })
  @Field(() => String, { description: 'SPKI PEM' })
  publicKeyPem!: string;

  /** The private key (PKCS#8 PEM), AES-256-GCM sealed with KEY_ENCRYPTION_SECRET. */
  @Property({ type: 'text', hidden: true })
  privateKeyEncrypted!: string;
}
