import { composeServices } from '@apollo/composition';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { GraphQLError, parse } from 'graphql';
import { postGraphQL } from '../shared/testing/test-supergraph.js';
import { startGateway, type RunningGateway } from './gateway-server.js';

/** The resolver info's cache-control hints (Apollo Server's cache control plugin). */
interface CacheHinted {
  cacheControl: { setCacheHint(hint: { maxAge: number; scope: 'PUBLIC' | 'PRIVATE' }): void };
}

/**
 * The gateway's subgraph data source against stock @apollo/gateway's, over two small subgraphs
 * with nine reviews by three authors: ours asks the users subgraph for three authors where stock
 * asks for nine (entity-representations.ts), and both answer the same, the error of the author
 * that cannot be read included at each place it appears, and the same cache policy.
 */
describe('the subgraph data source', () => {
  const resolved: string[] = [];
  const users = { '1': 'Ada', '2': 'Grace', '3': 'Hidden' };
  const subgraphs = [
    {
      name: 'identity',
      typeDefs: parse(`extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
        type User @key(fields: "id") { id: ID! name: String }
        type Query { ping: Boolean }`),
      resolvers: {
        Query: { ping: () => true },
        User: {
          // Async, as a real resolver is: one author failing fails its own entities, not the whole list.
          __resolveReference: async ({ id }: { id: string }, _context: unknown, info: CacheHinted) => {
            resolved.push(id);
            info.cacheControl.setCacheHint({ maxAge: 30, scope: 'PUBLIC' });
            if (id === '3') throw new GraphQLError('user 3 is private', { extensions: { code: 'FORBIDDEN' } });
            return { id, name: users[id as keyof typeof users] };
          },
        },
      },
    },
    {
      name: 'reviews',
      typeDefs: parse(`extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
        type Review { id: ID! author: User }
        type User @key(fields: "id") { id: ID! }
        type Query { reviews(first: Int): [Review!]! }`),
      resolvers: {
        Query: {
          reviews: (_: unknown, { first }: { first?: number }, _context: unknown, info: CacheHinted) => {
            info.cacheControl.setCacheHint({ maxAge: 60, scope: 'PUBLIC' });
            return Array.from({ length: first ?? 9 }, (_, i) => ({ id: String(i + 1), authorId: String((i % 3) + 1) }));
          },
        },
        Review: {
          // A field of an object type is uncacheable unless hinted.
          author: ({ authorId }: { authorId: string }, _args: unknown, _context: unknown, info: CacheHinted) => {
            info.cacheControl.setCacheHint({ maxAge: 60, scope: 'PUBLIC' });
            return { id: authorId };
          },
        },
      },
    },
  ];
  const QUERY = 'query Reviews { reviews { id author { id name } } }';
  const servers: ApolloServer[] = [];
  let ours: RunningGateway;
  let stock: ApolloServer;

  beforeAll(async () => {
    const urls: string[] = [];
    for (const subgraph of subgraphs) {
      const server = new ApolloServer({
        schema: buildSubgraphSchema({ typeDefs: subgraph.typeDefs, resolvers: subgraph.resolvers as never }),
        plugins: [ApolloServerPluginInlineTraceDisabled()],
      });
      const { url } = await startStandaloneServer(server, { listen: { port: 0, host: '127.0.0.1' } });
      servers.push(server);
      urls.push(url);
    }
    const composed = composeServices(subgraphs.map((s, i) => ({ name: s.name, url: urls[i]!, typeDefs: s.typeDefs })));
    if (composed.errors) throw new Error(composed.errors.map((e) => e.message).join('; '));
    ours = await startGateway({ supergraphSdl: composed.supergraphSdl, port: 0, host: '127.0.0.1' });
    stock = new ApolloServer({ gateway: new ApolloGateway({ supergraphSdl: composed.supergraphSdl }) });
    await stock.start();
  });

  afterAll(async () => {
    await ours?.stop();
    await stock?.stop();
    await Promise.all(servers.map((server) => server.stop()));
  });

  it('asks for each author once and answers as stock @apollo/gateway does', async () => {
    resolved.length = 0;
    const response = await stock.executeOperation({ query: QUERY });
    if (response.body.kind !== 'single') throw new Error('expected a single result');
    const expected = response.body.singleResult;
    expect(resolved).toHaveLength(9);

    resolved.length = 0;
    const answer = await postGraphQL<{ reviews: unknown[] }>(`http://127.0.0.1:${ours.port}/graphql`, QUERY);
    expect(resolved.sort()).toEqual(['1', '2', '3']);
    expect(answer.data).toEqual(expected.data);
    expect(answer.data?.reviews[3]).toEqual({ id: '4', author: { id: '1', name: 'Ada' } });
    const where = (errors: readonly { message: string; path?: readonly (string | number)[] }[] | undefined) =>
      (errors ?? []).map((e) => `${e.message} at ${e.path?.join('.')}`).sort();
    expect(where(answer.errors)).toEqual(where(expected.errors));
    expect(where(answer.errors)).toEqual(['user 3 is private at reviews.2.author', 'user 3 is private at reviews.5.author', 'user 3 is private at reviews.8.author']);
  });

  it('gives the answer the cache policy its subgraphs allow, as stock @apollo/gateway does', async () => {
    const query = 'query Two { reviews(first: 2) { id author { name } } }';
    const response = await stock.executeOperation({ query });
    const answer = await postGraphQL(`http://127.0.0.1:${ours.port}/graphql`, query);
    expect(answer.errors).toBeUndefined();
    // The shorter of the two subgraphs' max-age.
    expect(response.http.headers.get('cache-control')).toBe('max-age=30, public');
    expect(answer.headers.get('cache-control')).toBe('max-age=30, public');
  });
});
