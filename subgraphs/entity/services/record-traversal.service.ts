import type { RequestContext } from '../../../shared/context/context.js';
import { requireTenant } from '../../../shared/context/require-tenant.js';
import { EntityRecord } from '../entities/entity-record.entity.js';
import { RelationType } from '../entities/relation-type.entity.js';
import { LinkDirection, type TraverseInput } from '../inputs/record-link.input.js';
import type { EntityLoaders } from '../loaders/entity.loaders.js';
import { getRecord } from './record.service.js';

export interface TraversalHit {
  record: EntityRecord;
  /** Hops from the start record along the shortest path found. */
  depth: number;
  /** The link ids of that path, in order. */
  path: string[];
}

interface WalkRow {
  id: string;
  depth: number;
  path: string[];
}

/** Which link column a hop leaves from and which it arrives at: fixed identifiers, never input. */
const ENDS: Record<LinkDirection, { here: string; next: string }> = {
  [LinkDirection.OUT]: { here: '"from_id"', next: '"to_id"' },
  [LinkDirection.IN]: { here: '"to_id"', next: '"from_id"' },
};

/**
 * The records reachable from `from` within `maxDepth` hops, each once at its shortest depth: one
 * recursive query however many hops and records, cycle-safe (a path never revisits a record),
 * within the caller's tenant, never through or to a record in the bin.
 */
export async function traverse(ctx: RequestContext<EntityLoaders>, input: TraverseInput): Promise<TraversalHit[]> {
  const tenantId = requireTenant(ctx);
  await getRecord(ctx, input.from); // NOT_FOUND for a record the caller cannot see
  const relationIds = input.relations?.length ? (await ctx.em.find(RelationType, { name: { $in: input.relations } })).map((r) => r.id) : null;
  if (relationIds && !relationIds.length) return [];
  const { here, next } = ENDS[input.direction];
  const params: unknown[] = [input.from, input.from, tenantId];
  let relationFilter = '';
  if (relationIds) {
    relationFilter = ` and l."relation_type_id" in (${relationIds.map(() => '?').join(', ')})`;
    params.push(...relationIds);
  }
  params.push(input.maxDepth);
  const sql = `
    with recursive walk("id", "depth", "path", "seen") as (
      select ?::uuid, 0, array[]::uuid[], array[?::uuid]
      union all
      select l.${next}, w."depth" + 1, w."path" || l."id", w."seen" || l.${next}
      from walk w
      join "entity"."record_link" l on l.${here} = w."id" and l."tenant_id" = ?${relationFilter}
      join "entity"."entity_record" r on r."id" = l.${next} and r."deleted_at" is null
      where w."depth" < ? and not (l.${next} = any(w."seen"))
    )
    select distinct on ("id") "id", "depth", "path" from walk where "depth" > 0 order by "id", "depth"`;
  const rows = await ctx.em.getConnection().execute<WalkRow[]>(sql, params);
  const records = await ctx.em.find(EntityRecord, { id: { $in: rows.map((row) => row.id) }, ...(input.type ? { type: input.type } : {}) });
  const byId = new Map(records.map((record) => [record.id, record]));
  return rows
    .filter((row) => byId.has(row.id))
    .map((row) => ({ record: byId.get(row.id)!, depth: row.depth, path: row.path }))
    .sort((a, b) => a.depth - b.depth || a.record.id.localeCompare(b.record.id));
}
