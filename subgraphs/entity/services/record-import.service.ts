import type { EntityManager } from '@mikro-orm/postgresql';
import { parse as parseCsv } from 'csv-parse';
import { stringify } from 'csv-stringify/sync';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import streamArray from 'stream-json/streamers/stream-array.js';
import type { RequestContext } from '../../../shared/context/context.js';
import { requireTenant } from '../../../shared/context/require-tenant.js';
import { NotFoundError } from '../../../shared/errors/errors.js';
import { signedFileUrl } from '../../../shared/files/file-url.js';
import type { Logger } from '../../../shared/logger/logger.js';
import { blobStore } from '../../../shared/storage/blob-backend.js';
import { EntityFieldKind } from '../entities/entity-field.entity.js';
import { RecordImport } from '../entities/record-import.entity.js';
import { TransferFormat, TransferStatus } from '../entities/record-transfer.entity.js';
import { BulkMode } from '../inputs/bulk-record.input.js';
import { createEntityLoaders, type EntityLoaders } from '../loaders/entity.loaders.js';
import { bulkCreateRecords } from './bulk-record.service.js';
import { findDefinition, type EntityDefinition } from './entity-definition.js';

/** Largest file an import takes. */
export const MAX_IMPORT_BYTES = 512 * 1024 * 1024;
/** Rows written per transaction: big enough to be quick, small enough that memory stays flat. */
const CHUNK = 1_000;
/** Error report lines kept; a file that fails on more rows than this is reported by count beyond it. */
const MAX_REPORTED_ERRORS = 10_000;

export const importFileKey = (record: RecordImport) => `${record.tenantId}/imports/${record.id}`;

export async function createRecordImport(ctx: RequestContext, type: string, format: TransferFormat): Promise<RecordImport> {
  const tenantId = requireTenant(ctx);
  const record = ctx.em.create(RecordImport, { tenantId, type, format, createdBy: ctx.caller.userId });
  await ctx.em.flush();
  return record;
}

export async function getRecordImport(ctx: RequestContext, id: string): Promise<RecordImport> {
  requireTenant(ctx);
  const record = await ctx.em.findOne(RecordImport, id);
  if (!record) throw new NotFoundError('RecordImport', id);
  return record;
}

/** Where the client PUTs the file (signed, short-lived), while the import waits for it. */
export const uploadUrl = (record: RecordImport) =>
  record.status === TransferStatus.AWAITING_UPLOAD ? signedFileUrl('entity', `imports/${record.id}`, 'PUT') : null;

export const errorReportUrl = (record: RecordImport) => (record.errorReportKey ? signedFileUrl('entity', `imports/${record.id}/errors.csv`, 'GET') : null);

/** CSV cells are text; typed fields get their JSON type back, and empty cells mean "no value". */
function fromCsv(row: Record<string, string>, definition: EntityDefinition | null): Record<string, unknown> {
  const kinds = new Map(definition?.fields.map((field) => [field.name, field.kind]));
  const data: Record<string, unknown> = {};
  for (const [key, text] of Object.entries(row)) {
    if (text === '') continue;
    const kind = kinds.get(key);
    if (kind === EntityFieldKind.NUMBER && /^-?\d+(\.\d+)?(e[+-]?\d+)?$/i.test(text)) data[key] = Number(text);
    else if (kind === EntityFieldKind.BOOLEAN && (text === 'true' || text === 'false')) data[key] = text === 'true';
    else if ((kind === EntityFieldKind.JSON || kind === EntityFieldKind.CURRENCY) && /^[[{]/.test(text)) data[key] = JSON.parse(text) as unknown;
    else data[key] = text;
  }
  return data;
}

/** The rows of a file, one at a time, whatever its size: nothing holds the whole file. */
async function* rowsOf(body: Readable, format: TransferFormat, definition: EntityDefinition | null): AsyncGenerator<unknown> {
  if (format === TransferFormat.CSV) {
    for await (const row of body.pipe(parseCsv({ columns: true, bom: true, skip_empty_lines: true, trim: true }))) yield fromCsv(row as Record<string, string>, definition);
  } else if (format === TransferFormat.NDJSON) {
    for await (const line of createInterface({ input: body, crlfDelay: Infinity })) {
      if (!line.trim()) continue;
      try {
        yield JSON.parse(line) as unknown;
      } catch {
        yield new SyntaxError('is not valid JSON');
      }
    }
  } else {
    for await (const item of body.pipe(streamArray.withParserAsStream())) yield (item as { value: unknown }).value;
  }
}

/**
 * Reads the uploaded file in chunks and writes each through the bulk path (PER_ROW: a bad row
 * is reported, the others are written), so validation, uniqueness, audit and events are exactly
 * those of any write. Progress is rows read; the error report (row, field, message) is stored
 * at the end and linked from the import.
 */
export async function runImport(em: EntityManager, importId: string, log: Logger, progress: (processed: number) => Promise<void>): Promise<void> {
  const record = await em.findOneOrFail(RecordImport, importId);
  if (record.status === TransferStatus.DONE || record.status === TransferStatus.FAILED) return; // redelivered
  record.status = TransferStatus.RUNNING;
  await em.flush();
  const ctx: RequestContext<EntityLoaders> = {
    requestId: `import-${record.id}`,
    caller: { kind: 'user', userId: record.createdBy ?? null, tenantId: record.tenantId, scopes: [], principalId: null, clientIp: null },
    em,
    log,
    loaders: undefined as unknown as EntityLoaders,
  };
  ctx.loaders = createEntityLoaders(ctx);
  const errors: string[][] = [];
  let rowNumber = 0;
  let chunk: { number: number; row: unknown }[] = [];
  const writeChunk = async () => {
    if (!chunk.length) return;
    const parsed = chunk.filter((c) => !(c.row instanceof Error));
    for (const bad of chunk.filter((c) => c.row instanceof Error)) errors.push([String(bad.number), '(row)', (bad.row as Error).message]);
    const result = parsed.length ? await bulkCreateRecords(ctx, record.type, parsed.map((c) => c.row), BulkMode.PER_ROW) : { succeeded: 0, failed: 0, results: [] };
    for (const row of result.results) {
      for (const error of row.errors ?? []) if (errors.length < MAX_REPORTED_ERRORS) errors.push([String(parsed[row.index]!.number), error.field, error.message]);
    }
    record.processed += chunk.length;
    record.succeeded += result.succeeded;
    record.failed += result.failed + (chunk.length - parsed.length);
    chunk = [];
    await saveProgress(em, record);
    await progress(record.processed);
  };
  try {
    const definition = await findDefinition(em, record.type);
    for await (const row of rowsOf(await blobStore().get(record.fileKey!), record.format, definition)) {
      rowNumber += 1;
      chunk.push({ number: rowNumber, row });
      if (chunk.length >= CHUNK) await writeChunk();
    }
    await writeChunk();
    record.status = TransferStatus.DONE;
  } catch (error) {
    log.warn({ err: error, importId }, 'import failed');
    record.status = TransferStatus.FAILED;
    record.error = `row ${rowNumber + 1}: ${(error as Error).message}`;
  }
  if (errors.length) {
    const key = `${record.tenantId}/imports/${record.id}-errors.csv`;
    await blobStore().put(key, Buffer.from(stringify([['row', 'field', 'message'], ...errors])), { contentType: 'text/csv' });
    record.errorReportKey = key;
  }
  await saveProgress(em, record);
}

/** Writes the import's counters and status; the identity map is emptied so memory stays flat chunk after chunk. */
async function saveProgress(em: EntityManager, record: RecordImport): Promise<void> {
  em.clear();
  const row = await em.findOneOrFail(RecordImport, record.id);
  const { status, processed, succeeded, failed, error, errorReportKey } = record;
  Object.assign(row, { status, processed, succeeded, failed, error, errorReportKey });
  await em.flush();
}
