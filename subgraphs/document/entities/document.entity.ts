import { BigIntType, type Opt } from '@mikro-orm/core';
import { Entity, Enum, Property } from '@mikro-orm/decorators/legacy';
import { Directive, Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { TenantOwnedEntity } from '../../../shared/orm/base.entity.js';

export enum DocumentStatus {
  DRAFT = 'draft',
  FINAL = 'final',
  ARCHIVED = 'archived',
}
registerEnumType(DocumentStatus, { name: 'DocumentStatus' });

/** Where a generated document is: queued and rendering, ready to download, or failed. */
export enum GenerationStatus {
  PENDING = 'pending',
  READY = 'ready',
  FAILED = 'failed',
}
registerEnumType(GenerationStatus, { name: 'GenerationStatus' });

/** A document of a tenant, owned by a user of the identity subgraph (referenced by id). */
@Entity()
@ObjectType({ description: 'A document kept by the platform' })
@Directive('@key(fields: "id")')
export class Document extends TenantOwnedEntity {
  @Property({ type: 'text' })
  @Field()
  title!: string;

  @Property({ type: 'text' })
  @Field({ description: 'The body as text (rendered and binary versions come with generation)' })
  content!: string;

  @Property({ type: 'text' })
  @Field(() => String)
  mimeType: Opt<string> = 'text/plain';

  @Enum({ items: () => DocumentStatus })
  @Field(() => DocumentStatus)
  status: Opt<DocumentStatus> = DocumentStatus.DRAFT;

  /** The identity User who owns it; resolved by the gateway through `owner`. */
  @Property({ type: 'uuid', index: true })
  ownerId!: string;

  /** For a generated document: the template version it was made from (never changes afterwards). */
  @Property({ type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true, description: 'The template version it was generated from' })
  templateVersionId?: string | null;

  @Enum({ items: () => GenerationStatus, nullable: true })
  @Field(() => GenerationStatus, { nullable: true, description: 'Null unless generated from a template' })
  generationStatus?: GenerationStatus | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Why generation failed (the template line and variable)' })
  generationError?: string | null;

  /** The entity record the document is about, if any; resolved through `subjectRecord`. */
  @Property({ type: 'uuid', nullable: true })
  subjectRecordId?: string | null;

  /** The invoice of the finance subgraph the document is about, if any; resolved through `subjectInvoice`. */
  @Property({ type: 'uuid', nullable: true })
  subjectInvoiceId?: string | null;

  @Property({ type: 'integer', nullable: true })
  @Field(() => Int, { nullable: true, description: 'The number of its current version; null while it has no file' })
  currentVersion?: number | null;

  /** The current version's file, copied from it (blob store key, with what was recorded on the way in). */
  @Property({ type: 'text', nullable: true })
  fileKey?: string | null;

  @Property({ type: new BigIntType('number'), nullable: true })
  @Field(() => Float, { nullable: true, description: 'Size of the stored file in bytes' })
  fileSize?: number | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Hex SHA-256 of the stored file' })
  fileSha256?: string | null;
}
