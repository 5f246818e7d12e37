import { type Opt } from '@mikro-orm/core';
import { Entity, Enum, Property } from '@mikro-orm/decorators/legacy';
import { Field, GraphQLISODateTime, Int, ObjectType, registerEnumType } from 'type-graphql';
import { TenantOwnedEntity } from '../../../shared/orm/base.entity.js';

export enum ReindexStatus {
  QUEUED = 'QUEUED',
  RUNNING = 'RUNNING',
  COMPLETED = 'COMPLETED',
  FAILED = 'FAILED',
}
registerEnumType(ReindexStatus, { name: 'ReindexStatus' });

/** A full rebuild of a tenant's index (or of one kind) from the subgraphs that own the things. */
@Entity({ tableName: 'search_reindex' })
@ObjectType('SearchReindex', { description: 'A rebuild of the index from the owning subgraphs, run in the background' })
export class SearchReindex extends TenantOwnedEntity {
  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Only this kind; null for every kind' })
  kind?: string | null;

  @Enum({ items: () => ReindexStatus })
  @Field(() => ReindexStatus)
  status: Opt<ReindexStatus> = ReindexStatus.QUEUED;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'Things read from their subgraphs so far' })
  processed: Opt<number> = 0;

  @Property({ type: 'integer', nullable: true })
  @Field(() => Int, { nullable: true, description: 'Things to read, once counted' })
  total?: number | null;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'Entries removed because their thing no longer exists' })
  removed: Opt<number> = 0;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true })
  error?: string | null;

  @Property({ type: 'datetime', nullable: true })
  @Field(() => GraphQLISODateTime, { nullable: true })
  finishedAt?: Date | null;
}
