import type { EntityManager } from '@mikro-orm/postgresql';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { EntityFieldKind, type EntityField } from '../entities/entity-field.entity.js';
import { EntityRecord } from '../entities/entity-record.entity.js';

/*
 * Statements that move values inside the JSONB data of every record of one type, one UPDATE
 * each, always scoped to the tenant and the type by hand: raw SQL gets no tenant filter.
 * `data -> 'key' is not null` is "the record holds the key" (the jsonb `?` operator would clash
 * with the `?` placeholders). Records hold no JSON nulls: validation drops them.
 */

export function recordTable(em: EntityManager): string {
  const meta = em.getMetadata().find(EntityRecord)!;
  return `"${meta.schema ?? em.config.get('schema')}"."${meta.tableName}"`;
}

/** Records of the type that hold no value for `field`. */
export async function countWithout(em: EntityManager, tenantId: string, type: string, field: string): Promise<number> {
  const [row] = await em.execute<{ count: string }[]>(
    `select count(*) as "count" from ${recordTable(em)} where "tenant_id" = ? and "type" = ? and ("data" -> ?) is null`,
    [tenantId, type, field],
  );
  return Number(row?.count ?? 0);
}

/** A batch of the values records of the type hold for `field`, in id order after `afterId`. */
export async function valuesOf(
  em: EntityManager,
  tenantId: string,
  type: string,
  field: string,
  afterId: string | null,
  limit: number,
): Promise<{ id: string; value: unknown }[]> {
  return await em.execute<{ id: string; value: unknown }[]>(
    `select "id", "data" -> ? as "value" from ${recordTable(em)}
     where "tenant_id" = ? and "type" = ? and ("data" -> ?) is not null and "id" > ? order by "id" limit ?`,
    [field, tenantId, type, field, afterId ?? '00000000-0000-0000-0000-000000000000', limit],
  );
}

/** Writes one value of one record (of the tenant). */
export async function setValue(em: EntityManager, tenantId: string, id: string, field: string, value: unknown): Promise<void> {
  await em.execute(
    `update ${recordTable(em)} set "data" = "data" || jsonb_build_object(?::text, ?::jsonb), "updated_at" = now() where "tenant_id" = ? and "id" = ?`,
    [field, JSON.stringify(value), tenantId, id],
  );
}

/** Writes `value` into every record of the type that holds no value for `field`. */
export async function fillMissing(em: EntityManager, tenantId: string, type: string, field: string, value: unknown): Promise<void> {
  await em.execute(
    `update ${recordTable(em)} set "data" = "data" || jsonb_build_object(?::text, ?::jsonb), "updated_at" = now()
     where "tenant_id" = ? and "type" = ? and ("data" -> ?) is null`,
    [field, JSON.stringify(value), tenantId, type, field],
  );
}

/** Moves the value of `from` to `to` in every record of the type that holds one. */
export async function renameKey(em: EntityManager, tenantId: string, type: string, from: string, to: string): Promise<void> {
  await em.execute(
    `update ${recordTable(em)} set "data" = ("data" - ?::text) || jsonb_build_object(?::text, "data" -> ?::text), "updated_at" = now()
     where "tenant_id" = ? and "type" = ? and ("data" -> ?) is not null`,
    [from, to, from, tenantId, type, from],
  );
}

/** Removes `field` from every record of the type. */
export async function removeKey(em: EntityManager, tenantId: string, type: string, field: string): Promise<void> {
  await em.execute(
    `update ${recordTable(em)} set "data" = "data" - ?::text, "updated_at" = now()
     where "tenant_id" = ? and "type" = ? and ("data" -> ?) is not null`,
    [field, tenantId, type, field],
  );
}

/**
 * The partial unique index behind a unique field: named after the field's id, so the name is
 * deterministic, fits PostgreSQL's 63 characters and survives a rename. Emails compare
 * case-insensitively.
 */
export function uniqueIndexName(field: Pick<EntityField, 'id'>): string {
  return `entity_record_unique_${field.id.replaceAll('-', '')}`;
}

/** A string literal for DDL, which takes no parameters. Names reaching it are validated identifiers and uuids. */
function literal(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

/**
 * Builds the field's unique index; a violation means existing records share a value. Records in
 * the bin are left out: deleting a record frees its values, and restoring one whose value was
 * taken meanwhile is a conflict.
 */
export async function createUniqueIndex(em: EntityManager, tenantId: string, type: string, field: EntityField): Promise<void> {
  const value = `"data" ->> ${literal(field.name)}`;
  const expression = field.kind === EntityFieldKind.EMAIL ? `lower(${value})` : `(${value})`;
  await em.execute(
    `create unique index "${uniqueIndexName(field)}" on ${recordTable(em)} (${expression})
     where "tenant_id" = ${literal(tenantId)} and "type" = ${literal(type)} and "deleted_at" is null`,
  );
}

export async function dropUniqueIndex(em: EntityManager, field: EntityField): Promise<void> {
  const schema = em.getMetadata().find(EntityRecord)!.schema ?? em.config.get('schema');
  await em.execute(`drop index if exists "${schema}"."${uniqueIndexName(field)}"`);
}

/** The unique field whose index `error` violated, if it is one of ours. */
export function violatedField(error: unknown, fields: readonly EntityField[]): EntityField | undefined {
  if (!(error instanceof UniqueConstraintViolationException)) return undefined;
  const constraint = (error as { constraint?: string }).constraint ?? /unique (?:constraint|index) "([^"]+)"/.exec(error.message)?.[1];
  return fields.find((field) => field.unique && uniqueIndexName(field) === constraint);
}
