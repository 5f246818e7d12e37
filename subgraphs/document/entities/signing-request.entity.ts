import { type Opt } from '@mikro-orm/core';
import { Entity, Enum, Index, Property } from '@mikro-orm/decorators/legacy';
import { Field, GraphQLISODateTime, ID, ObjectType, registerEnumType } from 'type-graphql';
import { TenantOwnedEntity } from '../../../shared/orm/base.entity.js';

export enum SigningRequestStatus {
  PENDING = 'PENDING',
  SIGNED = 'SIGNED',
  DECLINED = 'DECLINED',
}
registerEnumType(SigningRequestStatus, { name: 'SigningRequestStatus' });

/** A request that a named user sign a document; only that user can answer it, once. */
@Entity({ tableName: 'signing_request' })
@Index({ properties: ['tenantId', 'signerId', 'status'] })
@Index({ properties: ['tenantId', 'documentId'] })
@ObjectType('SigningRequest', { description: 'A request that a named user sign a document' })
export class SigningRequest extends TenantOwnedEntity {
  @Property({ type: 'uuid' })
  @Field(() => ID)
  documentId!: string;

  /** Who asked and who is asked (identity Users); resolved through `requester` and `signer`. */
  @Property({ type: 'uuid' })
  requesterId!: string;

  @Property({ type: 'uuid' })
  signerId!: string;

  @Property({ type: 'text' })
  @Field(() => String)
  message!: string;

  @Enum({ items: () => SigningRequestStatus })
  @Field(() => SigningRequestStatus)
  status: Opt<SigningRequestStatus> = SigningRequestStatus.PENDING;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Why the signer declined' })
  declineReason?: string | null;

  @Property({ type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true, description: 'The signature made when it was signed' })
  signatureId?: string | null;

  @Property({ type: 'datetime', nullable: true })
  @Field(() => GraphQLISODateTime, { nullable: true })
  answeredAt?: Date | null;
}
