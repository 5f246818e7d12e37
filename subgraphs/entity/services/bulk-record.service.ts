import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import type { RequestContext } from '../../../shared/context/context.js';
import { requireTenant } from '../../../shared/context/require-tenant.js';
import { BadUserInputError } from '../../../shared/errors/errors.js';
import { EntityRecord } from '../entities/entity-record.entity.js';
import { BulkMode, MAX_BULK_ROWS, type BulkUpdateRow } from '../inputs/bulk-record.input.js';
import { CreateRecordInput, MAX_RECORD_DATA_BYTES, recordData, recordDataBytes } from '../inputs/create-record.input.js';
import type { EntityLoaders } from '../loaders/entity.loaders.js';
import { BulkRowStatus, type BulkResult, type BulkRowError, type BulkRowResult } from '../resolvers/bulk-result.type.js';
import { holdersOf, uniqueKey, UniqueGuard, type UniqueCandidate } from './bulk-unique.js';
import { findDefinition, lockTypeName, type EntityDefinition } from './entity-definition.js';
import { flushRecord } from './record.service.js';
import { validateRecordData, type WriteMode } from './record-validation.js';

type Ctx = RequestContext<EntityLoaders>;

/*
 * Bulk writes run in one transaction and go through the same validation and the same unit of
 * work as single writes, so each record is audited and announced (one outbox event each). Rows
 * are handled in chunks: each chunk is checked, flushed as multi-row inserts and then cleared
 * from the identity map, so memory holds one chunk of entities, not the whole call. An
 * ALL_OR_NOTHING call that saw a failing row rolls the transaction back at the end, after every
 * row has been checked, so its error names them all.
 */
const CHUNK = 1_000;
const isId = z.uuid();

/** A row checked and ready to write: its data in stored form. */
interface Checked {
  index: number;
  data: Record<string, unknown>;
}

/** Collects the outcome of each row, by index. */
class BulkRun {
  readonly results: BulkRowResult[] = [];

  ok(index: number, id: string, status: BulkRowStatus): void {
    this.results[index] = { index, id, status, errors: [] };
  }

  fail(index: number, id: string | null, errors: BulkRowError[]): void {
    this.results[index] = { index, id, status: BulkRowStatus.FAILED, errors };
  }

  failed(index: number): boolean {
    return this.results[index]?.status === BulkRowStatus.FAILED;
  }

  summary(): BulkResult {
    const results = this.results.filter(Boolean);
    const failed = results.filter((r) => r.status === BulkRowStatus.FAILED).length;
    return { results, succeeded: results.length - failed, failed };
  }
}

function chunksOf<T>(items: readonly T[]): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += CHUNK) chunks.push(items.slice(start, start + CHUNK));
  return chunks;
}

function checkType(type: string): void {
  const result = CreateRecordInput.rules.shape.type.safeParse(type);
  if (!result.success) throw new BadUserInputError(`invalid type: ${result.error.issues[0]!.message}`, [{ field: 'type', message: result.error.issues[0]!.message }]);
}

/**
 * Runs a bulk call in one transaction holding each written type's lock shared (in name order,
 * so two bulk calls never wait on each other crosswise); ALL_OR_NOTHING with a failing row
 * throws, which rolls it all back.
 */
async function runBulk(
  ctx: Ctx,
  mode: BulkMode,
  count: number,
  work: (em: EntityManager, run: BulkRun, tenantId: string) => Promise<void>,
): Promise<BulkResult> {
  const tenantId = requireTenant(ctx);
  if (count > MAX_BULK_ROWS) {
    throw new BadUserInputError(`at most ${MAX_BULK_ROWS} rows a call`, [{ field: 'rows', message: `has ${count} rows; at most ${MAX_BULK_ROWS} a call` }]);
  }
  const run = new BulkRun();
  await ctx.em.transactional(async (em) => {
    await work(em, run, tenantId);
    const { failed, results } = run.summary();
    if (mode === BulkMode.ALL_OR_NOTHING && failed > 0) {
      const problems = results
        .filter((r) => r.status === BulkRowStatus.FAILED)
        .flatMap((r) => r.errors.map((e) => ({ field: `rows.${r.index}.${e.field}`, message: e.message })));
      const shown = problems.slice(0, 20).map((p) => `${p.field}: ${p.message}`).join('; ');
      throw new BadUserInputError(`${failed} of ${count} rows failed, nothing was written: ${shown}${problems.length > 20 ? '; ...' : ''}`, problems);
    }
  });
  return run.summary();
}

async function lockTypes(em: EntityManager, tenantId: string, types: Iterable<string>): Promise<Map<string, EntityDefinition | null>> {
  const definitions = new Map<string, EntityDefinition | null>();
  for (const type of [...new Set(types)].sort()) {
    await lockTypeName(em, tenantId, type, 'shared');
    definitions.set(type, await findDefinition(em, type));
  }
  return definitions;
}

/** One row checked exactly as a single write checks it; its problems, or its data in stored form. */
async function checkRow(
  em: EntityManager,
  definition: EntityDefinition | null,
  written: unknown,
  mode: WriteMode,
  current: Record<string, unknown> = {},
): Promise<{ data: Record<string, unknown> } | { errors: BulkRowError[] }> {
  const shape = recordData.safeParse(written);
  if (!shape.success) return { errors: shape.error.issues.map((issue) => ({ field: 'data', message: issue.message, code: 'BAD_USER_INPUT' })) };
  let data: Record<string, unknown>;
  try {
    data = definition ? await validateRecordData(em, definition, shape.data, mode, current) : mode === 'merge' ? { ...current, ...shape.data } : shape.data;
  } catch (error) {
    if (!(error instanceof BadUserInputError)) throw error;
    return { errors: error.problems.map((p) => ({ ...p, code: 'BAD_USER_INPUT' })) };
  }
  if (mode === 'merge' && recordDataBytes(data) > MAX_RECORD_DATA_BYTES) {
    return { errors: [{ field: 'data', message: 'merged with the existing data, must be at most 1 MB of JSON', code: 'BAD_USER_INPUT' }] };
  }
  return { data };
}

/** Fails the rows whose unique values clash; the survivors. */
async function guardUnique(guard: UniqueGuard | null, run: BulkRun, rows: (Checked & { id: string | null })[]): Promise<(Checked & { id: string | null })[]> {
  if (!guard) return rows;
  const problems = await guard.check(rows satisfies UniqueCandidate[]);
  for (const [index, errors] of problems) run.fail(index, rows.find((r) => r.index === index)!.id, errors.map((e) => ({ ...e, code: 'CONFLICT' })));
  return rows.filter((row) => !problems.has(row.index));
}

/** Writes one chunk and forgets its entities; a unique index still violated (a race) is a CONFLICT for the call. */
async function flushChunk(em: EntityManager, definition: EntityDefinition | null): Promise<void> {
  await flushRecord(em, definition);
  em.clear();
}

export async function bulkCreateRecords(ctx: Ctx, type: string, rows: readonly unknown[], mode: BulkMode): Promise<BulkResult> {
  checkType(type);
  return await runBulk(ctx, mode, rows.length, async (em, run, tenantId) => {
    const definition = (await lockTypes(em, tenantId, [type])).get(type)!;
    const guard = definition && new UniqueGuard(em, tenantId, definition);
    for (const chunk of chunksOf(rows.map((row, index) => ({ row, index })))) {
      const checked: (Checked & { id: null })[] = [];
      for (const { row, index } of chunk) {
        const outcome = await checkRow(em, definition, row, 'create');
        if ('errors' in outcome) run.fail(index, null, outcome.errors);
        else checked.push({ index, id: null, data: outcome.data });
      }
      for (const { index, data } of await guardUnique(guard, run, checked)) {
        const record = em.create(EntityRecord, { tenantId, type, data, ownerId: ctx.caller.userId });
        run.ok(index, record.id, BulkRowStatus.CREATED);
      }
      await flushChunk(em, definition);
    }
  });
}

/** The type of each live record of the tenant among `ids`. The query builder applies no filters: tenant and bin by hand. */
async function typesOf(em: EntityManager, tenantId: string, ids: readonly string[]): Promise<Map<string, string>> {
  const types = new Map<string, string>();
  for (const chunk of chunksOf(ids)) {
    const rows: { id: string; type: string }[] = await em
      .createQueryBuilder(EntityRecord)
      .select(['id', 'type'])
      .where({ tenantId, deletedAt: null, id: { $in: chunk } })
      .execute('all', false);
    for (const row of rows) types.set(row.id, row.type);
  }
  return types;
}

/** Rows naming an id that is no record of the tenant, or one an earlier row names: failed. The others. */
function knownRows<T extends { index: number; id: string }>(run: BulkRun, rows: readonly T[], types: Map<string, string>): T[] {
  const seen = new Map<string, number>();
  return rows.filter(({ index, id }) => {
    const earlier = seen.get(id);
    if (earlier !== undefined) run.fail(index, id, [{ field: 'id', message: `row ${earlier} of this call names the same record`, code: 'BAD_USER_INPUT' }]);
    else if (!types.has(id)) run.fail(index, id, [{ field: 'id', message: `EntityRecord ${id} not found`, code: 'NOT_FOUND' }]);
    else seen.set(id, index);
    return earlier === undefined && types.has(id);
  });
}

export async function bulkUpdateRecords(ctx: Ctx, rows: readonly BulkUpdateRow[], mode: BulkMode): Promise<BulkResult> {
  return await runBulk(ctx, mode, rows.length, async (em, run, tenantId) => {
    const ids = rows.map((row) => row.id).filter((id) => isId.safeParse(id).success);
    const types = await typesOf(em, tenantId, ids);
    const definitions = await lockTypes(em, tenantId, types.values());
    const rewritten = new Set(types.keys());
    const guards = new Map([...definitions].map(([type, d]) => [type, d && new UniqueGuard(em, tenantId, d, rewritten)]));
    for (const chunk of chunksOf(knownRows(run, rows.map((row, index) => ({ ...row, index })), types))) {
      // Read under the type locks: a field renamed meanwhile has moved its values.
      const records = new Map((await em.find(EntityRecord, { id: { $in: chunk.map((r) => r.id) } }, { refresh: true })).map((r) => [r.id, r]));
      const byType = new Map<string, (Checked & { id: string })[]>();
      for (const row of chunk) {
        const record = records.get(row.id)!;
        const outcome = await checkRow(em, definitions.get(record.type)!, row.data, row.merge ? 'merge' : 'replace', record.data);
        if ('errors' in outcome) run.fail(row.index, row.id, outcome.errors);
        else byType.set(record.type, [...(byType.get(record.type) ?? []), { index: row.index, id: row.id, data: outcome.data }]);
      }
      for (const [type, checked] of byType) {
        for (const { index, id, data } of await guardUnique(guards.get(type)!, run, checked)) {
          records.get(id!)!.data = data;
          run.ok(index, id!, BulkRowStatus.UPDATED);
        }
      }
      await flushChunk(em, byType.size === 1 ? definitions.get([...byType.keys()][0]!)! : null);
    }
  });
}

export async function bulkUpsertRecords(ctx: Ctx, type: string, key: string, rows: readonly unknown[], mode: BulkMode): Promise<BulkResult> {
  checkType(type);
  return await runBulk(ctx, mode, rows.length, async (em, run, tenantId) => {
    const definition = (await lockTypes(em, tenantId, [type])).get(type)!;
    const keyField = definition?.fields.find((field) => field.name === key && field.unique && !field.deprecated);
    if (!definition || !keyField) {
      throw new BadUserInputError(`key must be a unique field of ${type}`, [{ field: 'key', message: `${key} is not a unique field of ${type}` }]);
    }
    const guard = new UniqueGuard(em, tenantId, definition);
    const keys = new Map<string, number>();
    for (const chunk of chunksOf(rows.map((row, index) => ({ row, index })))) {
      const keyed: { row: unknown; index: number; value: string }[] = [];
      for (const { row, index } of chunk) {
        const value = uniqueKey(keyField, row && typeof row === 'object' ? (row as Record<string, unknown>)[key] : null);
        const earlier = value === null ? undefined : keys.get(value);
        if (value === null) run.fail(index, null, [{ field: `data.${key}`, message: 'is required to upsert by it', code: 'BAD_USER_INPUT' }]);
        else if (earlier !== undefined) run.fail(index, null, [{ field: `data.${key}`, message: `row ${earlier} of this call has the same ${key}`, code: 'CONFLICT' }]);
        else {
          keys.set(value, index);
          keyed.push({ row, index, value });
        }
      }
      const holders = await holdersOf(em, tenantId, type, keyField, keyed.map((r) => r.value));
      const existing = new Map(holders.map((h) => [h.value, h.id]));
      const records = new Map((await em.find(EntityRecord, { id: { $in: holders.map((h) => h.id) } }, { refresh: true })).map((r) => [r.id, r]));
      const checked: (Checked & { id: string | null })[] = [];
      for (const { row, index, value } of keyed) {
        const record = records.get(existing.get(value) ?? '');
        const outcome = await checkRow(em, definition, row, record ? 'merge' : 'create', record?.data);
        if ('errors' in outcome) run.fail(index, record?.id ?? null, outcome.errors);
        else checked.push({ index, id: record?.id ?? null, data: outcome.data });
      }
      for (const { index, id, data } of await guardUnique(guard, run, checked)) {
        const record = id ? records.get(id)! : em.create(EntityRecord, { tenantId, type, data, ownerId: ctx.caller.userId });
        record.data = data;
        run.ok(index, record.id, id ? BulkRowStatus.UPDATED : BulkRowStatus.CREATED);
      }
      await flushChunk(em, definition);
    }
  });
}

/** Moves records to the bin, as deleteRecord does each. */
export async function bulkDeleteRecords(ctx: Ctx, ids: readonly string[], mode: BulkMode): Promise<BulkResult> {
  return await runBulk(ctx, mode, ids.length, async (em, run, tenantId) => {
    const types = await typesOf(em, tenantId, ids.filter((id) => isId.safeParse(id).success));
    for (const chunk of chunksOf(knownRows(run, ids.map((id, index) => ({ id, index })), types))) {
      const records = await em.find(EntityRecord, { id: { $in: chunk.map((r) => r.id) } });
      const deletedAt = new Date();
      for (const record of records) record.deletedAt = deletedAt;
      for (const { id, index } of chunk) run.ok(index, id, BulkRowStatus.DELETED);
      await flushChunk(em, null);
    }
  });
}
