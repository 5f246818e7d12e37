import type { EntityManager } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import { FactBatch } from '../entities/fact-batch.entity.js';
import { attributeName } from '../inputs/track-event.input.js';

/** A fact as ingestion takes it (from `trackEvents` or a domain event). */
export interface FactInput {
  /** Idempotency key; a fresh one when absent (the fact is then never a duplicate). */
  key?: string | null;
  name: string;
  occurredAt?: Date | null;
  dimensions?: Record<string, string> | null;
  measures?: Record<string, number> | null;
  properties?: Record<string, unknown> | null;
}

/**
 * A fact's dimensions and measures: those given, or else those its free-form properties imply
 * (top-level text and booleans as dimensions, finite numbers as measures), so a client that
 * only sends properties still gets metrics over them.
 */
export function attributesOf(fact: FactInput): { dimensions: Record<string, string>; measures: Record<string, number> } {
  const dimensions: Record<string, string> = {};
  const measures: Record<string, number> = {};
  for (const [key, value] of Object.entries(fact.properties ?? {})) {
    if (!attributeName.test(key)) continue;
    if (typeof value === 'string' && value.length <= 200) dimensions[key] = value;
    else if (typeof value === 'boolean') dimensions[key] = String(value);
    else if (typeof value === 'number' && Number.isFinite(value)) measures[key] = value;
  }
  return { dimensions: fact.dimensions ?? dimensions, measures: fact.measures ?? measures };
}

/** The hour a time falls in, as the roll-ups key it (UTC). */
const HOUR = `date_trunc('hour', "occurred_at" at time zone 'UTC') at time zone 'UTC'`;

/**
 * Stores facts for a tenant in one statement: new keys are inserted, known keys skipped; the
 * hours they fall in are marked dirty for the roll-up job (late facts included), and one
 * audited, evented FactBatch records the ingestion. Runs in the caller's transaction when there
 * is one, so facts, dirty marks and the batch commit together.
 */
export async function ingestFacts(em: EntityManager, tenantId: string, actorId: string | null, facts: FactInput[]): Promise<FactBatch> {
  const now = new Date();
  const rows = facts.map((fact) => ({
    id: uuidv7(),
    event_key: fact.key ?? randomUUID(),
    name: fact.name,
    occurred_at: (fact.occurredAt ?? now).toISOString(),
    properties: fact.properties ?? {},
    ...attributesOf(fact),
  }));
  const counts = await em.execute<{ name: string; stored: string }[]>(
    `with input as (
       select * from jsonb_to_recordset(?::jsonb)
         as x("id" uuid, "event_key" text, "name" text, "occurred_at" timestamptz, "properties" jsonb, "dimensions" jsonb, "measures" jsonb)
     ),
     inserted as (
       insert into "analytics"."analytics_event"
         ("id", "tenant_id", "event_key", "name", "occurred_at", "properties", "dimensions", "measures", "actor_id", "created_at", "updated_at")
       select "id", ?, "event_key", "name", "occurred_at", "properties", "dimensions", "measures", ?, now(), now() from input
       on conflict ("tenant_id", "event_key") do nothing
       returning "name", "occurred_at"
     ),
     dirty as (
       insert into "analytics"."fact_rollup_dirty" ("tenant_id", "name", "hour", "marked_at")
       select ?::uuid, "name", "hour", clock_timestamp() from (select distinct "name", ${HOUR} as "hour" from inserted) as "hours"
       on conflict ("tenant_id", "name", "hour") do update set "marked_at" = excluded."marked_at"
     )
     select "name", count(*) as "stored" from inserted group by "name" order by "name"`,
    [JSON.stringify(rows), tenantId, actorId, tenantId],
  );
  const accepted = counts.reduce((sum, row) => sum + Number(row.stored), 0);
  const batch = em.create(FactBatch, { tenantId, accepted, duplicates: facts.length - accepted, factTypes: counts.map((row) => row.name), actorId });
  await em.flush();
  return batch;
}
