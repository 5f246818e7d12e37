import { type Opt } from '@mikro-orm/core';
import { Entity, Enum, Property } from '@mikro-orm/decorators/legacy';
import { Field, Int, ObjectType } from 'type-graphql';
import { RecordTransfer, TransferStatus } from './record-transfer.entity.js';

/** A file of records being imported into one type: uploaded, then read and written by a background job. */
@Entity({ tableName: 'record_import' })
@ObjectType('RecordImport', { description: 'An import of records from a file, run in the background' })
export class RecordImport extends RecordTransfer {
  @Enum({ items: () => TransferStatus })
  @Field(() => TransferStatus)
  status: Opt<TransferStatus> = TransferStatus.AWAITING_UPLOAD;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'Rows read so far' })
  processed: Opt<number> = 0;

  @Property({ type: 'integer' })
  @Field(() => Int)
  succeeded: Opt<number> = 0;

  @Property({ type: 'integer' })
  @Field(() => Int)
  failed: Opt<number> = 0;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Why the whole import failed (an unreadable file), when it did' })
  error?: string | null;

  @Property({ type: 'text', nullable: true })
  fileKey?: string | null;

  /** Blob key of the per-row error report (CSV: row, field, message), once there is one. */
  @Property({ type: 'text', nullable: true })
  errorReportKey?: string | null;

  @Property({ type: 'uuid', nullable: true })
  createdBy?: string | null;
}
