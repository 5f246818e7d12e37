import type { RequestContext } from '../../../shared/context/context.js';
import { requireTenant } from '../../../shared/context/require-tenant.js';
import { EntityRecord } from '../entities/entity-record.entity.js';
import { MatchKind, MatchRule } from '../entities/match-rule.entity.js';
import type { MatchRuleInput } from '../inputs/match-rule.input.js';
import type { EntityLoaders } from '../loaders/entity.loaders.js';
import { getRecord } from './record.service.js';

type Ctx = RequestContext<EntityLoaders>;

/** A likely duplicate pair, with how sure and why. */
export interface DuplicateCandidate {
  record: EntityRecord;
  duplicate: EntityRecord;
  /** 1 for an exact, email or phone match; the trigram similarity for a fuzzy one (the best rule wins). */
  score: number;
  /** The fields whose rules matched. */
  matchedFields: string[];
}

/** Replaces the type's match rules. */
export async function setMatchRules(ctx: Ctx, type: string, rules: MatchRuleInput[]): Promise<MatchRule[]> {
  const tenantId = requireTenant(ctx);
  return ctx.em.transactional(async (em) => {
    await em.nativeDelete(MatchRule, { type });
    return rules.map((rule) =>
      em.create(MatchRule, { tenantId, type, field: rule.field, kind: rule.kind, threshold: rule.kind === MatchKind.FUZZY ? (rule.threshold ?? 0.5) : 1 }),
    );
  });
}

export function matchRules(ctx: Ctx, type: string): Promise<MatchRule[]> {
  requireTenant(ctx);
  return ctx.em.find(MatchRule, { type }, { orderBy: { id: 'asc' } });
}

/**
 * How a rule compares the field of records a and b, and the score of a match. Values are bound
 * parameters (the field name); the SQL around them is fixed per kind.
 */
function comparison(kind: MatchKind): { on: string; score: string } {
  const a = `a."data" ->> ?`;
  const b = `b."data" ->> ?`;
  switch (kind) {
    case MatchKind.EXACT:
      return { on: `${a} = ${b}`, score: '1.0' };
    case MatchKind.EMAIL:
      return { on: `lower(btrim(${a})) = lower(btrim(${b}))`, score: '1.0' };
    case MatchKind.PHONE:
      // Digits only (a leading + kept); too short to be a number is no match.
      return {
        on: `regexp_replace(${a}, '[^0-9+]', '', 'g') = regexp_replace(${b}, '[^0-9+]', '', 'g') and length(regexp_replace(${a}, '[^0-9]', '', 'g')) >= 6`,
        score: '1.0',
      };
    case MatchKind.FUZZY:
      return { on: `public.similarity(lower(${a}), lower(${b})) >= ?`, score: `public.similarity(lower(${a}), lower(${b}))` };
  }
}

interface PairRow {
  a: string;
  b: string;
  score: number | string;
  field: string;
}

/**
 * Pairs of live records of `type` that some match rule says are the same thing, best first; only
 * pairs with `recordId` when given. One statement a rule. Without `recordId` a FUZZY rule
 * compares every pair of the type: meant for types of thousands, not millions (say so to users).
 */
export async function findDuplicates(ctx: Ctx, type: string, recordId: string | null | undefined, limit: number): Promise<DuplicateCandidate[]> {
  const tenantId = requireTenant(ctx);
  if (recordId) await getRecord(ctx, recordId);
  const rules = await matchRules(ctx, type);
  const pairs = new Map<string, { a: string; b: string; score: number; fields: Set<string> }>();
  for (const rule of rules) {
    const { on, score } = comparison(rule.kind);
    const onParams = rule.kind === MatchKind.FUZZY ? [rule.field, rule.field, rule.threshold] : rule.kind === MatchKind.PHONE ? [rule.field, rule.field, rule.field] : [rule.field, rule.field];
    const scoreParams = rule.kind === MatchKind.FUZZY ? [rule.field, rule.field] : [];
    const scope = recordId ? `and (a."id" = ? or b."id" = ?)` : '';
    const sql = `
      select a."id" as "a", b."id" as "b", ${score} as "score", ? as "field"
      from "entity"."entity_record" a
      join "entity"."entity_record" b on b."tenant_id" = a."tenant_id" and b."type" = a."type" and a."id" < b."id" and ${on}
      where a."tenant_id" = ? and a."type" = ? and a."deleted_at" is null and b."deleted_at" is null ${scope}
      order by 3 desc
      limit ?`;
    const params = [...scoreParams, rule.field, ...onParams, tenantId, type, ...(recordId ? [recordId, recordId] : []), limit];
    for (const row of await ctx.em.getConnection().execute<PairRow[]>(sql, params)) {
      const key = `${row.a}|${row.b}`;
      const pair = pairs.get(key) ?? { a: row.a, b: row.b, score: 0, fields: new Set<string>() };
      pair.score = Math.max(pair.score, Number(row.score));
      pair.fields.add(row.field);
      pairs.set(key, pair);
    }
  }
  const best = [...pairs.values()].sort((x, y) => y.score - x.score || x.a.localeCompare(y.a)).slice(0, limit);
  const records = new Map((await ctx.em.find(EntityRecord, { id: { $in: best.flatMap((p) => [p.a, p.b]) } })).map((r) => [r.id, r]));
  return best.map((pair) => {
    // The record asked about comes first, so a caller sees "this one duplicates that one".
    const [first, second] = recordId === pair.b ? [pair.b, pair.a] : [pair.a, pair.b];
    return { record: records.get(first)!, duplicate: records.get(second)!, score: pair.score, matchedFields: [...pair.fields].sort() };
  });
}
