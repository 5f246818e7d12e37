import { GraphQLJSON } from 'graphql-scalars';
import { Arg, Authorized, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import type { RequestContext } from '../../../shared/context/context.js';
import { BulkMode, BulkUpdateRow, MAX_BULK_ROWS } from '../inputs/bulk-record.input.js';
import type { EntityLoaders } from '../loaders/entity.loaders.js';
import * as bulk from '../services/bulk-record.service.js';
import { BulkResult } from './bulk-result.type.js';

type Ctx = RequestContext<EntityLoaders>;

const modeArg = { nullable: true, defaultValue: BulkMode.ALL_OR_NOTHING } as const;
const cap = `At most ${MAX_BULK_ROWS} rows a call (BAD_USER_INPUT beyond).`;

@Resolver()
export class BulkRecordResolver {
  @Authorized('entity:record:write')
  @Mutation(() => BulkResult, { description: `Creates one record of \`type\` a row, each validated as createRecord validates it. ${cap}` })
  bulkCreateRecords(
    @Ctx() ctx: Ctx,
    @Arg('type', () => String) type: string,
    @Arg('rows', () => [GraphQLJSON], { description: "Each row is a record's data: a JSON object" }) rows: unknown[],
    @Arg('mode', () => BulkMode, modeArg) mode: BulkMode,
  ): Promise<BulkResult> {
    return bulk.bulkCreateRecords(ctx, type, rows, mode);
  }

  @Authorized('entity:record:write')
  @Mutation(() => BulkResult, { description: `Updates records by id, each as updateRecord does. ${cap}` })
  bulkUpdateRecords(
    @Ctx() ctx: Ctx,
    @Arg('rows', () => [BulkUpdateRow]) rows: BulkUpdateRow[],
    @Arg('mode', () => BulkMode, modeArg) mode: BulkMode,
  ): Promise<BulkResult> {
    return bulk.bulkUpdateRecords(ctx, rows, mode);
  }

  @Authorized('entity:record:write')
  @Mutation(() => BulkResult, {
    description: `Creates a record for each row whose \`key\` value no live record of the type holds; merges the row into the record that holds it otherwise. ${cap}`,
  })
  bulkUpsertRecords(
    @Ctx() ctx: Ctx,
    @Arg('type', () => String) type: string,
    @Arg('key', () => String, { description: 'A unique field of the type' }) key: string,
    @Arg('rows', () => [GraphQLJSON]) rows: unknown[],
    @Arg('mode', () => BulkMode, modeArg) mode: BulkMode,
  ): Promise<BulkResult> {
    return bulk.bulkUpsertRecords(ctx, type, key, rows, mode);
  }

  @Authorized('entity:record:write')
  @Mutation(() => BulkResult, { description: `Moves records to the bin, as deleteRecord does. ${cap}` })
  bulkDeleteRecords(
    @Ctx() ctx: Ctx,
    @Arg('ids', () => [ID]) ids: string[],
    @Arg('mode', () => BulkMode, modeArg) mode: BulkMode,
  ): Promise<BulkResult> {
    return bulk.bulkDeleteRecords(ctx, ids, mode);
  }
}
