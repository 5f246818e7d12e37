import { type Opt } from '@mikro-orm/core';
import { Entity, Enum, Property } from '@mikro-orm/decorators/legacy';
import { Field, Int, ObjectType } from 'type-graphql';
import { RecordTransfer, TransferStatus } from './record-transfer.entity.js';

/** An export of one type's live records to a file, written by a background job. */
@Entity({ tableName: 'record_export' })
@ObjectType('RecordExport', { description: 'An export of records to a file, run in the background' })
export class RecordExport extends RecordTransfer {
  @Enum({ items: () => TransferStatus })
  @Field(() => TransferStatus)
  status: Opt<TransferStatus> = TransferStatus.QUEUED;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'Rows written so far' })
  rows: Opt<number> = 0;

  @Property({ type: 'text', nullable: true })
  fileKey?: string | null;
}
