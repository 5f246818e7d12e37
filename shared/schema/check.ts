import { Supergraph } from '@apollo/federation-internals';
import { CriticalityLevel, diff, type Change } from '@graphql-inspector/core';
import type { GraphQLSchema } from 'graphql';
import { z } from 'zod';
import type { ComposedSupergraph } from './compose.js';

/** A breaking change someone decided to make, recorded in schema/intended-breaking-changes.json. */
export const intendedChangeSchema = z.object({
  type: z.string().min(1),
  path: z.string().min(1),
  reason: z.string().min(10, 'say why the break is worth it'),
});
export type IntendedChange = z.infer<typeof intendedChangeSchema>;
export const intendedChangesFileSchema = z.array(intendedChangeSchema);

export interface SchemaCheckInput {
  generated: ComposedSupergraph;
  /** The SDL files as committed: `supergraph` and one per subgraph name (null when missing). */
  committed: Record<string, string | null>;
  /** The supergraph to compare against for breaking changes, or null to skip that part. */
  baseline: string | null;
  intended: IntendedChange[];
}

export interface SchemaCheckResult {
  ok: boolean;
  /** Files whose committed SDL is not what the code produces. */
  drift: string[];
  /** Breaking changes nobody marked as intended. */
  breaking: Change[];
  /** Breaking changes marked as intended. */
  accepted: Change[];
  /** Everything else that changed, for the record. */
  other: Change[];
}

/** The schema clients see: the supergraph without federation's join and link machinery. */
export function apiSchema(supergraphSdl: string): GraphQLSchema {
  return Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema();
}

const normalise = (sdl: string | null) => sdl?.trim().replace(/\r\n/g, '\n') ?? null;

/**
 * Passes when the committed SDL matches the code and the code's API schema breaks nothing
 * in the baseline, apart from changes marked intended (matched on change type and path).
 */
export async function checkSchema(input: SchemaCheckInput): Promise<SchemaCheckResult> {
  const expected: Record<string, string> = {
    supergraph: input.generated.supergraphSdl,
    ...Object.fromEntries(input.generated.subgraphs.map((s) => [s.name, s.sdl])),
  };
  const drift = Object.entries(expected)
    .filter(([name, sdl]) => normalise(input.committed[name] ?? null) !== normalise(sdl))
    .map(([name]) => `schema/${name}.graphql`);

  const changes = input.baseline
    ? await diff(apiSchema(input.baseline), apiSchema(input.generated.supergraphSdl))
    : [];
  const isIntended = (change: Change) =>
    input.intended.some((i) => i.type === change.type && i.path === change.path);
  const breakingAll = changes.filter((c) => c.criticality.level === CriticalityLevel.Breaking);
  const breaking = breakingAll.filter((c) => !isIntended(c));
  const accepted = breakingAll.filter(isIntended);
  const other = changes.filter((c) => c.criticality.level !== CriticalityLevel.Breaking);
  return { ok: drift.length === 0 && breaking.length === 0, drift, breaking, accepted, other };
}
