import { buildSchema, getIntrospectionQuery, parse, specifiedRules, validate, type GraphQLError } from 'graphql';
import { DEFAULT_OPERATION_LIMITS, operationLimitRules, type OperationLimits } from './operation-limits.js';

const schema = buildSchema(`
  type Query { node: Node }
  type Node { id: ID, child: Node, children(first: Int): [Node] }
`);

function check(query: string, limits: OperationLimits = DEFAULT_OPERATION_LIMITS): readonly GraphQLError[] {
  return validate(schema, parse(query), [...specifiedRules, ...operationLimitRules(limits)]);
}

const summary = (errors: readonly GraphQLError[]) => errors.map((e) => ({ message: e.message, code: e.extensions.code }));

/** `{ node { child { ... { id } } } }` nested `depth` fields deep, counting `node` and `id`. */
function deepQuery(depth: number): string {
  const children = depth - 2;
  return `{ node { ${'child { '.repeat(children)}id${' }'.repeat(children)} } }`;
}

/** Every level selects `id`, `child` and `children`: the selection doubles at each level. */
function wideTree(levels: number): string {
  return levels === 0 ? 'id' : `id child { ${wideTree(levels - 1)} } children { ${wideTree(levels - 1)} }`;
}

const aliased = (count: number) =>
  `{ node { ${Array.from({ length: count }, (_, i) => `a${i + 1}: id`).join(' ')} } }`;

describe('operationLimitRules', () => {
  it('uses the documented defaults', () => {
    expect(DEFAULT_OPERATION_LIMITS).toEqual({ maxDepth: 12, maxCost: 5000, maxAliases: 30 });
  });

  it('rejects a query one level deeper than the limit, naming its depth and the limit', () => {
    expect(summary(check(deepQuery(13)))).toEqual([
      { message: 'query depth 13 exceeds the limit of 12', code: 'BAD_USER_INPUT' },
    ]);
  });

  it('accepts a query exactly at the depth limit and a shallow one', () => {
    expect(check(deepQuery(12))).toEqual([]);
    expect(check('{ node { id child { id } } }')).toEqual([]);
  });

  it('counts depth through fragments by fields, so nesting can be neither hidden in them nor inflated by them', () => {
    const fragments = (fieldDepth: number) => `
      query Nested { node { ...Outer } }
      fragment Outer on Node { ... on Node { ...Inner } }
      fragment Inner on Node { ${'child { '.repeat(fieldDepth - 2)}id${' }'.repeat(fieldDepth - 2)} }
    `;
    expect(summary(check(fragments(13)))).toEqual([
      { message: 'query depth 13 exceeds the limit of 12', code: 'BAD_USER_INPUT' },
    ]);
    expect(check(fragments(12))).toEqual([]);
  });

  it('rejects a wide query for its cost while its depth is within the limit', () => {
    const errors = check(`{ node { ${wideTree(7)} } }`);

    expect(errors).toHaveLength(1);
    expect(errors[0].extensions.code).toBe('BAD_USER_INPUT');
    const found = /^query cost (\d+) exceeds the limit of 5000$/.exec(errors[0].message);
    expect(found).not.toBeNull();
    expect(Number(found?.[1])).toBeGreaterThan(5000);
  });

  it('multiplies the cost of a list by its `first` argument', () => {
    expect(check('{ node { children(first: 10) { id child { id } } } }')).toEqual([]);
    expect(summary(check('{ node { children(first: 2000) { id child { id } } } }'))).toEqual([
      { message: expect.stringMatching(/^query cost \d+ exceeds the limit of 5000$/) as unknown, code: 'BAD_USER_INPUT' },
    ]);
  });

  it('rejects 31 aliases and accepts 30', () => {
    expect(summary(check(aliased(31)))).toEqual([
      { message: 'alias count 31 exceeds the limit of 30', code: 'BAD_USER_INPUT' },
    ]);
    expect(check(aliased(30))).toEqual([]);
  });

  it('does not count __typename aliases, which clients add for caching', () => {
    const typenames = Array.from({ length: 40 }, (_, i) => `t${i}: __typename`).join(' ');
    expect(check(`{ node { ${typenames} } }`)).toEqual([]);
  });

  it('reports every limit an operation breaks, each once', () => {
    const limits: OperationLimits = { maxDepth: 3, maxCost: 10, maxAliases: 1 };
    const errors = check('{ node { a: child { b: child { id } } } }', limits);

    expect(errors.map((e) => e.message).sort()).toEqual([
      'alias count 2 exceeds the limit of 1',
      expect.stringMatching(/^query cost \d+ exceeds the limit of 10$/) as unknown,
      'query depth 4 exceeds the limit of 3',
    ]);
    expect(errors.every((e) => e.extensions.code === 'BAD_USER_INPUT')).toBe(true);
  });

  it('lets the introspection query through with the default limits (Apollo Sandbox needs it)', () => {
    expect(check(getIntrospectionQuery())).toEqual([]);
    expect(check(getIntrospectionQuery({ descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true, schemaDescription: true, inputValueDeprecation: true }))).toEqual([]);
  });
});
