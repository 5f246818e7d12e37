import { Enum, Property } from '@mikro-orm/decorators/legacy';
import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { TenantOwnedEntity } from '../../../shared/orm/base.entity.js';

export enum TransferFormat {
  CSV = 'CSV',
  JSON = 'JSON',
  NDJSON = 'NDJSON',
}
registerEnumType(TransferFormat, { name: 'TransferFormat', description: 'CSV with a header row; JSON: one array of objects; NDJSON: one object a line' });

export enum TransferStatus {
  AWAITING_UPLOAD = 'AWAITING_UPLOAD',
  QUEUED = 'QUEUED',
  RUNNING = 'RUNNING',
  DONE = 'DONE',
  FAILED = 'FAILED',
}
registerEnumType(TransferStatus, { name: 'TransferStatus' });

/** What imports and exports share: the type of records moved and the file's format. */
@ObjectType()
export abstract class RecordTransfer extends TenantOwnedEntity {
  @Property({ type: 'text' })
  @Field(() => String)
  type!: string;

  @Enum({ items: () => TransferFormat })
  @Field(() => TransferFormat)
  format!: TransferFormat;
}
