import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../../shared/context/context.js';
import { ListOf, PageArgs } from '../../../shared/graphql/pagination.js';
import { UserReference, userReference } from '../../../shared/graphql/references.js';
import { EntityRecord } from '../entities/entity-record.entity.js';
import { CreateRecordInput } from '../inputs/create-record.input.js';
import { UpdateRecordInput } from '../inputs/update-record.input.js';
import type { EntityLoaders } from '../loaders/entity.loaders.js';
import * as records from '../services/record.service.js';

type Ctx = RequestContext<EntityLoaders>;

@ObjectType({ description: 'A page of records' })
export class EntityRecordList extends ListOf(EntityRecord) {}

@Resolver(() => EntityRecord)
export class RecordResolver {
  @Authorized('entity:record:read')
  @Query(() => EntityRecord)
  record(@Ctx() ctx: Ctx, @Arg('id', () => ID) id: string): Promise<EntityRecord> {
    return records.getRecord(ctx, id);
  }

  @Authorized('entity:record:read')
  @Query(() => EntityRecordList, { description: "The caller tenant's records, newest first" })
  records(
    @Ctx() ctx: Ctx,
    @Args(() => PageArgs) page: PageArgs,
    @Arg('type', () => String, { nullable: true, description: 'Only records of this type' }) type?: string | null,
  ): Promise<EntityRecordList> {
    return records.listRecords(ctx, type, page);
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

  @FieldResolver(() => UserReference, { nullable: true, description: 'Null when nobody owns it or the owner is not visible to the caller' })
  owner(@Root() record: EntityRecord): UserReference | null {
    return userReference(record.ownerId);
  }
}
