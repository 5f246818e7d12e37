import type { EntityManager } from '@mikro-orm/postgresql';

/** Dirty hours rolled up per transaction: small enough to keep each one short. */
export const ROLLUP_BATCH = 200;

interface DirtyHour {
  tenant_id: string;
  name: string;
  hour: string;
  marked_at: string;
}

/**
 * Re-aggregates up to ROLLUP_BATCH dirty hours from raw facts, in one transaction: their roll-up
 * rows are replaced, and each dirty mark is cleared only if no fact marked it again meanwhile
 * (its `marked_at` unchanged), so a fact committed during the work is rolled up next time.
 * Answers how many hours it rolled up (0: nothing was dirty).
 */
export async function rollUpDirtyHours(em: EntityManager): Promise<number> {
  return em.transactional(async (tx) => {
    const dirty = await tx.execute<DirtyHour[]>(
      // marked_at as text: microseconds matter when comparing it back, and a JS Date keeps milliseconds.
      `select "tenant_id", "name", "hour"::text as "hour", "marked_at"::text as "marked_at" from "analytics"."fact_rollup_dirty" order by "hour", "tenant_id", "name" limit ${ROLLUP_BATCH}`,
    );
    if (!dirty.length) return 0;
    const targets = JSON.stringify(dirty);
    await tx.execute(
      `with "targets" as (select * from jsonb_to_recordset(?::jsonb) as t("tenant_id" uuid, "name" text, "hour" timestamptz, "marked_at" timestamptz))
       delete from "analytics"."fact_rollup" r using "targets" t where r."tenant_id" = t."tenant_id" and r."name" = t."name" and r."hour" = t."hour"`,
      [targets],
    );
    await tx.execute(
      `with "targets" as (select * from jsonb_to_recordset(?::jsonb) as t("tenant_id" uuid, "name" text, "hour" timestamptz, "marked_at" timestamptz)),
       "facts" as (
         select e."tenant_id", e."name", t."hour", e."dimensions", e."measures"
         from "targets" t join "analytics"."analytics_event" e
           on e."tenant_id" = t."tenant_id" and e."name" = t."name" and e."occurred_at" >= t."hour" and e."occurred_at" < t."hour" + interval '1 hour'
       ),
       "counts" as (select "tenant_id", "name", "hour", "dimensions", count(*) as "count" from "facts" group by 1, 2, 3, 4),
       "per_measure" as (
         select f."tenant_id", f."name", f."hour", f."dimensions", m."key",
           count(*) as "n", sum(m."value"::numeric) as "sum", min(m."value"::numeric) as "min", max(m."value"::numeric) as "max"
         from "facts" f cross join lateral jsonb_each_text(f."measures") m group by 1, 2, 3, 4, 5
       ),
       "measures" as (
         select "tenant_id", "name", "hour", "dimensions", jsonb_object_agg("key", jsonb_build_object('n', "n", 'sum', "sum", 'min', "min", 'max', "max")) as "measures"
         from "per_measure" group by 1, 2, 3, 4
       )
       insert into "analytics"."fact_rollup" ("tenant_id", "name", "hour", "dimensions_hash", "dimensions", "count", "measures")
       select c."tenant_id", c."name", c."hour", md5(c."dimensions"::text), c."dimensions", c."count", coalesce(m."measures", '{}'::jsonb)
       from "counts" c left join "measures" m using ("tenant_id", "name", "hour", "dimensions")`,
      [targets],
    );
    await tx.execute(
      `with "targets" as (select * from jsonb_to_recordset(?::jsonb) as t("tenant_id" uuid, "name" text, "hour" timestamptz, "marked_at" timestamptz))
       delete from "analytics"."fact_rollup_dirty" d using "targets" t
       where d."tenant_id" = t."tenant_id" and d."name" = t."name" and d."hour" = t."hour" and d."marked_at" = t."marked_at"`,
      [targets],
    );
    return dirty.length;
  });
}
