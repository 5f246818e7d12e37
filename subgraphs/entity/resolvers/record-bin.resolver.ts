import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Authorized, Ctx, ID, Info, Mutation, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../../shared/context/context.js';
import { EntityRecord } from '../entities/entity-record.entity.js';
import type { EntityLoaders } from '../loaders/entity.loaders.js';
import * as bin from '../services/record-bin.service.js';
import { queryRecords } from '../services/record-query.js';
import { selectedDataKeys } from './data-selection.js';
import { EntityRecordConnection, RecordQueryArgs } from './record.resolver.js';

type Ctx = RequestContext<EntityLoaders>;

/** The bin: records deleted with `deleteRecord`, restorable until purged. */
@Resolver(() => EntityRecord)
export class RecordBinResolver {
  @Authorized('entity:record:read')
  @Query(() => EntityRecordConnection, { description: "The caller tenant's deleted records (the bin), restorable until purged after the retention period; filtered, sorted and paged like records" })
  deletedRecords(@Ctx() ctx: Ctx, @Args(() => RecordQueryArgs) args: RecordQueryArgs, @Info() info: GraphQLResolveInfo): Promise<EntityRecordConnection> {
    return queryRecords(ctx, { ...args, dataKeys: selectedDataKeys(info), deleted: true });
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
