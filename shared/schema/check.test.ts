import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { SUBGRAPHS } from '../../subgraphs/index.js';
import { checkSchema } from './check.js';
import { composeSupergraph, type ComposedSupergraph } from './compose.js';

/** The real supergraph, but with one extra root field in identity: what "before" looked like. */
function withExtraField(generated: ComposedSupergraph): string {
  const subgraphs = generated.subgraphs.map(({ name, url, sdl }) => ({
    name,
    url,
    typeDefs: parse(name === 'identity' ? sdl.replace('type Query {', 'type Query {\n  legacyPing: String') : sdl),
  }));
  const result = composeServices(subgraphs);
  if (!result.supergraphSdl) throw new Error(JSON.stringify(result.errors));
  return result.supergraphSdl;
}

describe('checkSchema', () => {
  let generated: ComposedSupergraph;
  let committed: Record<string, string>;

  beforeAll(async () => {
    generated = await composeSupergraph(Object.values(SUBGRAPHS));
    committed = {
      supergraph: generated.supergraphSdl,
      ...Object.fromEntries(generated.subgraphs.map((s) => [s.name, s.sdl])),
    };
  });

  it('passes when the committed SDL is the code and nothing breaks', async () => {
    const result = await checkSchema({ generated, committed, baseline: generated.supergraphSdl, intended: [] });
    expect(result).toMatchObject({ ok: true, drift: [], breaking: [] });
  });

  it('fails on SDL that was not recomposed', async () => {
    const stale = { ...committed, document: committed.document.replace('title: String!', 'title: String') };
    const result = await checkSchema({ generated, committed: stale, baseline: null, intended: [] });
    expect(result.ok).toBe(false);
    expect(result.drift).toEqual(['schema/document.graphql']);
  });

  it('fails on a breaking change and names it', async () => {
    const result = await checkSchema({ generated, committed, baseline: withExtraField(generated), intended: [] });
    expect(result.ok).toBe(false);
    expect(result.breaking.map((c) => [c.type, c.path])).toEqual([['FIELD_REMOVED', 'Query.legacyPing']]);
  });

  it('passes a breaking change marked as intended', async () => {
    const intended = [{ type: 'FIELD_REMOVED', path: 'Query.legacyPing', reason: 'nobody calls it any more' }];
    const result = await checkSchema({ generated, committed, baseline: withExtraField(generated), intended });
    expect(result.ok).toBe(true);
    expect(result.accepted.map((c) => c.path)).toEqual(['Query.legacyPing']);
  });
});
