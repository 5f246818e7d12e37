import { Entity, Index, Property } from '@mikro-orm/decorators/legacy';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { TenantOwnedEntity } from '../../../shared/orm/base.entity.js';

/** A signature over a document's file: who signed, why, with which key, over which SHA-256. */
@Entity({ tableName: 'document_signature' })
@Index({ properties: ['tenantId', 'documentId'] })
@ObjectType('DocumentSignature', { description: "A digital signature over a document's file (ECDSA P-256 over its SHA-256)" })
export class DocumentSignature extends TenantOwnedEntity {
  @Property({ type: 'uuid' })
  @Field(() => ID)
  documentId!: string;

  /** The identity User who signed; resolved through `signer`. */
  @Property({ type: 'uuid' })
  signerId!: string;

  /** The version signed (null for signatures made before documents had versions: their file then). */
  @Property({ type: 'integer', nullable: true })
  @Field(() => Int, { nullable: true, description: 'The document version signed' })
  version?: number | null;

  @Property({ type: 'text' })
  @Field(() => String)
  reason!: string;

  @Property({ type: 'text' })
  @Field(() => String, { description: 'Id of the key that signed' })
  keyId!: string;

  @Property({ type: 'text' })
  @Field(() => String, { description: 'Hex SHA-256 of the file as signed' })
  sha256!: string;

  /** base64 DER ECDSA signature over `document:<id>:<sha256>`. */
  @Property({ type: 'text' })
  @Field(() => String)
  signature!: string;
}
