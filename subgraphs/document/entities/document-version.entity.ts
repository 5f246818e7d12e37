import { BigIntType } from '@mikro-orm/core';
import { Entity, Enum, Index, Property, Unique } from '@mikro-orm/decorators/legacy';
import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { TenantOwnedEntity } from '../../../shared/orm/base.entity.js';

/** How a version's file came to be. */
export enum VersionSource {
  GENERATED = 'generated',
  UPLOADED = 'uploaded',
  MERGED = 'merged',
  PACKAGED = 'packaged',
  RESTORED = 'restored',
}
registerEnumType(VersionSource, { name: 'VersionSource', description: 'How a document version was made' });

/**
 * One file of a document, numbered from 1. Never changed once written (the database trigger
 * refuses an UPDATE) and its bytes are never overwritten (blob keys are per version), so a
 * signature or a link to version 3 means the same bytes for ever. Restoring an old version adds a
 * new one pointing at the same bytes.
 */
@Entity({
  tableName: 'document_version',
  triggers: [
    {
      name: 'document_version_no_update',
      timing: 'before',
      events: ['update'],
      forEach: 'row',
      body: "raise exception 'document versions are immutable (document %, version %)', old.document_id, old.version;",
    },
  ],
})
@Unique({ properties: ['documentId', 'version'] })
@Index({ properties: ['tenantId', 'documentId'] })
@ObjectType('DocumentVersion', { description: 'An immutable file of a document' })
export class DocumentVersion extends TenantOwnedEntity {
  @Property({ type: 'uuid' })
  @Field(() => ID)
  documentId!: string;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: '1 for the first file, then one more for each' })
  version!: number;

  @Enum({ items: () => VersionSource })
  @Field(() => VersionSource)
  source!: VersionSource;

  @Property({ type: 'text' })
  fileKey!: string;

  @Property({ type: 'text' })
  @Field(() => String)
  fileName!: string;

  @Property({ type: 'text' })
  @Field(() => String)
  mimeType!: string;

  @Property({ type: new BigIntType('number') })
  @Field(() => Float, { description: 'Bytes' })
  size!: number;

  @Property({ type: 'text' })
  @Field(() => String, { description: 'Hex SHA-256 of the file' })
  sha256!: string;

  @Property({ type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true, description: 'For a generated version: the template version it was made from' })
  templateVersionId?: string | null;

  @Property({ type: 'integer', nullable: true })
  @Field(() => Int, { nullable: true, description: 'For a restored version: the version whose file it brought back' })
  restoredFrom?: number | null;

  /** The identity User who made it (null for work done by a job on a user's behalf before versions existed). */
  @Property({ type: 'uuid', nullable: true })
  createdBy?: string | null;
}
