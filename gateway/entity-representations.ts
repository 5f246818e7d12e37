import type { GraphQLFormattedError } from 'graphql';

/*
 * @apollo/gateway sends a subgraph one representation per entity it meets in the answer so far,
 * the same one as often as it occurs: fifteen reviews by five authors make fifteen `User`
 * representations, and the subgraph resolves, serialises and sends back each author three times.
 * The gateway's data source sends each distinct representation once and hands the executor the
 * answer it expects, entity for entity, as if every one had been sent.
 */

/** The distinct representations of a fetch, and for each one sent, which distinct one it is. */
export interface DistinctRepresentations {
  distinct: unknown[];
  /** `positions[i]`: the index in `distinct` of the i-th representation asked for. */
  positions: number[];
}

/**
 * The distinct representations among `representations` (equal when they serialise alike: the
 * executor builds each from the same key selection, so equal keys come in the same order), or
 * undefined when there is none twice and the fetch can go as it is.
 */
export function distinctRepresentations(representations: readonly unknown[]): DistinctRepresentations | undefined {
  const indexOf = new Map<string, number>();
  const distinct: unknown[] = [];
  const positions: number[] = [];
  for (const representation of representations) {
    const key = JSON.stringify(representation);
    let index = indexOf.get(key);
    if (index === undefined) {
      index = distinct.length;
      indexOf.set(key, index);
      distinct.push(representation);
    }
    positions.push(index);
  }
  return distinct.length < representations.length ? { distinct, positions } : undefined;
}

/**
 * A copy of a value parsed from JSON. The executor merges each entity it receives into the
 * answer and later fetches write into what it merged, so two entities must never share objects.
 */
function copyJson(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(copyJson);
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) copy[key] = copyJson((value as Record<string, unknown>)[key]);
  return copy;
}

interface EntitiesResponse {
  data?: Record<string, unknown> | null;
  errors?: readonly GraphQLFormattedError[];
}

/**
 * The subgraph's answer to the distinct representations, spread back over every representation
 * asked for: an error about `_entities[j]` repeated for every representation that was `j`, and
 * `_entities` in the original order and length (a distinct entity's later uses are copies). An
 * `_entities` that is not the list it should be is left as it came (its errors still spread), for
 * the executor to reject as it would any malformed answer.
 */
export function spreadEntities<T extends EntitiesResponse>(response: T, { distinct, positions }: DistinctRepresentations): T {
  const errors = response.errors?.flatMap((error) => {
    const [root, position, ...rest] = error.path ?? [];
    if (root !== '_entities' || typeof position !== 'number') return [error];
    const asked: GraphQLFormattedError[] = [];
    positions.forEach((p, index) => {
      if (p === position) asked.push({ ...error, path: ['_entities', index, ...rest] });
    });
    return asked;
  });
  const entities = response.data?._entities;
  if (!Array.isArray(entities) || entities.length !== distinct.length) return { ...response, ...(errors && { errors }) };
  const used = new Set<number>();
  const spread = positions.map((position) => {
    if (!used.has(position)) {
      used.add(position);
      return entities[position];
    }
    return copyJson(entities[position]);
  });
  return { ...response, data: { ...response.data, _entities: spread }, ...(errors && { errors }) };
}
