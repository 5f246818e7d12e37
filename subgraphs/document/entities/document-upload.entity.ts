import { Entity, Property } from '@mikro-orm/decorators/legacy';
import { TenantOwnedEntity } from '../../../shared/orm/base.entity.js';

/**
 * A slot for one file, opened by `createDocumentUpload` and filled once through its signed link
 * (PUT of the bytes, or a multipart POST). What the file may be (type) is fixed when the slot is
 * opened, by a caller who was authorised then; the link carries that authority for 15 minutes.
 */
@Entity({ tableName: 'document_upload' })
export class DocumentUpload extends TenantOwnedEntity {
  /** The document receiving a new version, or null when the upload makes a new document. */
  @Property({ type: 'uuid', nullable: true })
  documentId?: string | null;

  @Property({ type: 'text', nullable: true })
  title?: string | null;

  @Property({ type: 'text' })
  fileName!: string;

  @Property({ type: 'text' })
  mimeType!: string;

  @Property({ type: 'uuid' })
  createdBy!: string;

  /** Set while a file is coming in, so two uses of the link cannot both land. */
  @Property({ type: 'datetime', nullable: true })
  claimedAt?: Date | null = null;

  /** Set once the file is in: a second use of the link is refused. */
  @Property({ type: 'integer', nullable: true })
  version?: number | null = null;
}
