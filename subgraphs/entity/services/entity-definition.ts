import type { EntityManager } from '@mikro-orm/postgresql';
import { EntityField } from '../entities/entity-field.entity.js';
import { EntityType } from '../entities/entity-type.entity.js';

/** An entity type with its fields in order: what a record of the type is checked against. */
export interface EntityDefinition {
  type: EntityType;
  fields: EntityField[];
}

/** The definition named `name` in the caller's tenant (tenant filter), or null. */
export async function findDefinition(em: EntityManager, name: string): Promise<EntityDefinition | null> {
  const type = await em.findOne(EntityType, { name });
  if (!type) return null;
  const fields = await em.find(EntityField, { entityType: type }, { orderBy: { position: 'asc' } });
  return { type, fields };
}

/**
 * Serialises changes to a type's definition against writes of its records, for the rest of the
 * transaction: record writes take the lock shared, definition changes exclusive. So a field
 * being added, renamed or removed never races a record validated against the old definition,
 * and a record write never races the type being defined. A lock on the name, not on the type
 * row, because a record may be written while its type does not exist yet.
 */
export async function lockTypeName(em: EntityManager, tenantId: string, name: string, mode: 'shared' | 'exclusive'): Promise<void> {
  const fn = mode === 'shared' ? 'pg_advisory_xact_lock_shared' : 'pg_advisory_xact_lock';
  await em.execute(`select ${fn}(hashtextextended(?, 0))`, [`entity-type:${tenantId}:${name}`]);
}
