import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../../shared/context/context.js';
import { RecordExport } from '../entities/record-export.entity.js';
import { RecordImport } from '../entities/record-import.entity.js';
import { TransferFormat } from '../entities/record-transfer.entity.js';
import * as exports from '../services/record-export.service.js';
import * as imports from '../services/record-import.service.js';

@Resolver(() => RecordImport)
export class RecordImportResolver {
  @Authorized('entity:record:write')
  @Mutation(() => RecordImport, { description: 'Starts an import: PUT the file to uploadUrl, then watch status and counts' })
  createRecordImport(@Ctx() ctx: RequestContext, @Arg('type', () => String) type: string, @Arg('format', () => TransferFormat) format: TransferFormat): Promise<RecordImport> {
    return imports.createRecordImport(ctx, type, format);
  }

  @Authorized('entity:record:read')
  @Query(() => RecordImport)
  recordImport(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string): Promise<RecordImport> {
    return imports.getRecordImport(ctx, id);
  }

  @FieldResolver(() => String, { nullable: true, description: 'Signed URL to PUT the file to (15 minutes), while the import awaits it' })
  uploadUrl(@Root() record: RecordImport): string | null {
    return imports.uploadUrl(record);
  }

  @FieldResolver(() => String, { nullable: true, description: 'Signed URL of the per-row error report (CSV: row, field, message), when rows failed' })
  errorReportUrl(@Root() record: RecordImport): string | null {
    return imports.errorReportUrl(record);
  }
}

@Resolver(() => RecordExport)
export class RecordExportResolver {
  @Authorized('entity:record:read')
  @Mutation(() => RecordExport, { description: "Exports a type's live records to a file in the background" })
  exportRecords(@Ctx() ctx: RequestContext, @Arg('type', () => String) type: string, @Arg('format', () => TransferFormat) format: TransferFormat): Promise<RecordExport> {
    return exports.exportRecords(ctx, type, format);
  }

  @Authorized('entity:record:read')
  @Query(() => RecordExport)
  recordExport(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string): Promise<RecordExport> {
    return exports.getRecordExport(ctx, id);
  }

  @FieldResolver(() => String, { nullable: true, description: 'Signed URL of the file (15 minutes), once it is written' })
  downloadUrl(@Root() record: RecordExport): string | null {
    return exports.downloadUrl(record);
  }
}
