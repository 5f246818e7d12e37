import type { EntityClass } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { createHash } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import { BadUserInputError, ConflictError } from '../../../shared/errors/errors.js';
import { IdempotencyKey } from '../entities/idempotency-key.entity.js';

/**
 * Runs a money-moving operation at most once per key, inside the caller's transaction: the key's
 * row is inserted first (a concurrent request with the same key waits on it, then finds it), the
 * operation runs, and its result's id is stored. The same key with the same request returns that
 * first result; with a different request (or operation) it is CONFLICT. If the operation fails the
 * transaction rolls the key back with it, and a retry runs afresh.
 */
export async function idempotent<T extends { id: string }>(
  em: EntityManager,
  tenantId: string,
  key: string,
  operation: string,
  request: Record<string, unknown>,
  result: EntityClass<T>,
  run: () => Promise<T>,
): Promise<T> {
  if (key.length < 8 || key.length > 200) throw new BadUserInputError('idempotencyKey must be 8 to 200 characters', [{ field: 'idempotencyKey', message: 'must be 8 to 200 characters' }]);
  const hash = createHash('sha256').update(JSON.stringify([operation, request])).digest('hex');
  const meta = em.getMetadata().get(IdempotencyKey);
  const table = `"${meta.schema ?? em.config.get('schema')}"."${meta.tableName}"`;
  const id = uuidv7();
  const inserted = await em.execute<{ id: string }[]>(
    `insert into ${table} ("id", "tenant_id", "key", "operation", "request_hash") values (?, ?, ?, ?, ?) on conflict ("tenant_id", "key") do nothing returning "id"`,
    [id, tenantId, key, operation, hash],
  );
  if (!inserted.length) {
    const [first] = await em.execute<{ request_hash: string; result_id: string | null }[]>(`select "request_hash", "result_id" from ${table} where "tenant_id" = ? and "key" = ?`, [tenantId, key]);
    if (first.request_hash !== hash || !first.result_id) throw new ConflictError(`idempotency key "${key}" was already used for a different request`);
    return await em.findOneOrFail(result, first.result_id as never);
  }
  const value = await run();
  await em.execute(`update ${table} set "result_id" = ?, "updated_at" = now() where "id" = ?`, [value.id, id]);
  return value;
}
