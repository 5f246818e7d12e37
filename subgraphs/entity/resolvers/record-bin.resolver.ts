import { Arg, Args, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../../shared/context/context.js';
import { PageArgs } from '../../../shared/graphql/pagination.js';
import { EntityRecord } from '../entities/entity-record.entity.js';
import type { EntityLoaders } from '../loaders/entity.loaders.js';
import * as bin from '../services/record-bin.service.js';
import { EntityRecordList } from './record.resolver.js';

type Ctx = RequestContext<EntityLoaders>;

/** The bin: records deleted with `deleteRecord`, restorable until purged. */
@Resolver(() => EntityRecord)
export class RecordBinResolver {
  @Authorized('entity:record:read')
  @Query(() => EntityRecordList, { description: "The caller tenant's deleted records (the bin), restorable until purged after the retention period" })
  deletedRecords(
    @Ctx() ctx: Ctx,
    @Args(() => PageArgs) page: PageArgs,
    @Arg('type', () => String, { nullable: true, description: 'Only records of this type' }) type?: string | null,
  ): Promise<EntityRecordList> {
    return bin.listDeletedRecords(ctx, type, page);
  }

  @Authorized('entity:record:write')
  @Mutation(() => EntityRecord, { description: 'Takes a deleted record out of the bin. CONFLICT when a unique value it holds was taken meanwhile' })
  restoreRecord(@Ctx() ctx: Ctx, @Arg('id', () => ID) id: string): Promise<EntityRecord> {
    return bin.restoreRecord(ctx, id);
  }

  @Authorized('entity:record:purge')
  @Mutation(() => Boolean, { description: 'Deletes a record in the bin for good (its audit trail stays)' })
  purgeRecord(@Ctx() ctx: Ctx, @Arg('id', () => ID) id: string): Promise<boolean> {
    return bin.purgeRecord(ctx, id);
  }
}
