import { type Opt } from '@mikro-orm/core';
import { Entity, Enum, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Directive, Field, GraphQLISODateTime, ID, ObjectType, registerEnumType } from 'type-graphql';
import { GraphQLJSON } from 'graphql-scalars';
import { v7 as uuidv7 } from 'uuid';

export enum AuditOperation {
  CREATE = 'create',
  UPDATE = 'update',
  DELETE = 'delete',
}
registerEnumType(AuditOperation, { name: 'AuditOperation', description: 'What a change did to its row' });

/** One changed field: its value before and after (null for a create's before or a delete's after). */
@ObjectType({ description: 'One field of an audited change' })
@Directive('@shareable')
export class AuditFieldChange {
  @Field()
  field!: string;

  @Field(() => GraphQLJSON, { nullable: true })
  oldValue!: unknown;

  @Field(() => GraphQLJSON, { nullable: true })
  newValue!: unknown;
}

/**
 * One create, update or delete of an audited row, written by the audit subscriber in the
 * same transaction as the change itself. Each subgraph keeps its own in its own schema.
 */
@Entity({ tableName: 'audit_entry' })
@Index({ properties: ['tenantId', 'entityType', 'entityId'] })
@Index({ properties: ['tenantId', 'createdAt'] })
@ObjectType({ description: 'A recorded change to a row of this subgraph' })
@Directive('@shareable')
export class AuditEntry {
  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID)
  id: string = uuidv7();

  @Property({ type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true })
  tenantId!: string | null;

  @Property({ type: 'text' })
  @Field({ description: 'The entity class, e.g. User or Invoice' })
  entityType!: string;

  @Property({ type: 'text' })
  @Field(() => ID)
  entityId!: string;

  @Enum({ items: () => AuditOperation })
  @Field(() => AuditOperation)
  operation!: AuditOperation;

  @Property({ type: 'jsonb' })
  @Field(() => [AuditFieldChange])
  changes!: AuditFieldChange[];

  @Property({ type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true, description: 'The user who made the change, when known' })
  actorId!: string | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Correlation id of the request that made the change' })
  requestId!: string | null;

  @Property({ type: 'datetime', defaultRaw: 'now()', index: true })
  @Field(() => GraphQLISODateTime)
  createdAt: Opt<Date> = new Date();
}
