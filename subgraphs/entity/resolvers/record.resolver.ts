import type { GraphQLResolveInfo } from 'graphql';
import { GraphQLJSON } from 'graphql-scalars';
import { Arg, Args, ArgsType, Authorized, Ctx, Field, FieldResolver, ID, Info, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../../shared/context/context.js';
import { ConnectionArgs, ConnectionOf } from '../../../shared/graphql/connection.js';
import { UserReference, userReference } from '../../../shared/graphql/references.js';
import { EntityRecord } from '../entities/entity-record.entity.js';
import { CreateRecordInput } from '../inputs/create-record.input.js';
import { UpdateRecordInput } from '../inputs/update-record.input.js';
import type { EntityLoaders } from '../loaders/entity.loaders.js';
import { RecordFilter, RecordOrder } from '../inputs/record-query.input.js';
import { queryRecords } from '../services/record-query.js';
import * as records from '../services/record.service.js';
import { selectedDataKeys } from './data-selection.js';

type Ctx = RequestContext<EntityLoaders>;

@ObjectType({ description: 'A page of records (a Relay connection; items are the edges\' nodes)' })
export class EntityRecordConnection extends ConnectionOf(EntityRecord, 'EntityRecord') {}

/** What `records` and `deletedRecords` take: which records, in which order, which page. */
@ArgsType()
export class RecordQueryArgs extends ConnectionArgs {
  @Field(() => String, { nullable: true, description: 'Only records of this type; its fields type the filter and sort values' })
  type?: string | null;

  @Field(() => RecordFilter, { nullable: true })
  filter?: RecordFilter | null;

  @Field(() => [RecordOrder], { nullable: true, description: 'Sort keys in order; the id breaks ties. Default: newest first' })
  orderBy?: RecordOrder[] | null;
}

@Resolver(() => EntityRecord)
export class RecordResolver {
  @Authorized('entity:record:read')
  @Query(() => EntityRecord)
  record(@Ctx() ctx: Ctx, @Arg('id', () => ID) id: string): Promise<EntityRecord> {
    return records.getRecord(ctx, id);
  }

  @Authorized('entity:record:read')
  @Query(() => EntityRecordConnection, { description: "The caller tenant's records matching the filter, in the given order (newest first by default)" })
  records(@Ctx() ctx: Ctx, @Args(() => RecordQueryArgs) args: RecordQueryArgs, @Info() info: GraphQLResolveInfo): Promise<EntityRecordConnection> {
    return queryRecords(ctx, { ...args, dataKeys: selectedDataKeys(info) });
  }

  @Authorized('entity:record:write')
  @Mutation(() => EntityRecord)
  createRecord(@Ctx() ctx: Ctx, @Arg('input', () => CreateRecordInput) input: CreateRecordInput): Promise<EntityRecord> {
    return records.createRecord(ctx, input);
  }

  @Authorized('entity:record:write')
  @Mutation(() => EntityRecord)
  updateRecord(
    @Ctx() ctx: Ctx,
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateRecordInput) input: UpdateRecordInput,
  ): Promise<EntityRecord> {
    return records.updateRecord(ctx, id, input);
  }

  @Authorized('entity:record:write')
  @Mutation(() => Boolean, { description: 'Moves a record to the bin (see deletedRecords): gone from every query, restorable until purged' })
  deleteRecord(@Ctx() ctx: Ctx, @Arg('id', () => ID) id: string): Promise<boolean> {
    return records.deleteRecord(ctx, id);
  }

  @FieldResolver(() => GraphQLJSON, { description: 'The record itself: always a JSON object; with `fields`, only those keys (lists then read only those from the database)' })
  data(@Root() record: EntityRecord, @Arg('fields', () => [String], { nullable: true }) fields?: string[] | null): Record<string, unknown> {
    if (!fields) return record.data;
    return Object.fromEntries(fields.filter((key) => record.data[key] !== undefined).map((key) => [key, record.data[key]]));
  }

  @FieldResolver(() => UserReference, { nullable: true, description: 'Null when nobody owns it or the owner is not visible to the caller' })
  owner(@Root() record: EntityRecord): UserReference | null {
    return userReference(record.ownerId);
  }
}
