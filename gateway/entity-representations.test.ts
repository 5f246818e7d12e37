import { composeServices } from '@apollo/composition';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { GraphQLError, parse } from 'graphql';
import { postGraphQL } from '../shared/testing/test-supergraph.js';
import { distinctRepresentations, spreadEntities } from './entity-representations.js';
import { startGateway, type RunningGateway } from './gateway-server.js';

describe('distinct entity representations', () => {
  it('sends each distinct representation once, and leaves a fetch without repeats alone', () => {
    const a = { __typename: 'User', id: '1' };
    const b = { __typename: 'User', id: '2' };
    expect(distinctRepresentations([a, b])).toBeUndefined();
    expect(distinctRepresentations([a, b, { ...a }, b])).toEqual({ distinct: [a, b], positions: [0, 1, 0, 1] });
  });

  it('spreads the answer back over every representation, in copies, with each error where it belongs', () => {
    const distinct = { distinct: [{ id: '1' }, { id: '2' }], positions: [0, 1, 0, 1] };
    const answer = {
      data: { _entities: [{ id: '1', tags: [{ name: 'x' }] }, null] },
      errors: [{ message: 'hidden', path: ['_entities', 1, 'name'] }, { message: 'elsewhere' }],
    };
    const spread = spreadEntities(answer, distinct);
    const entities = spread.data._entities as { id: string; tags: object[] }[];
    expect(entities).toEqual([{ id: '1', tags: [{ name: 'x' }] }, null, { id: '1', tags: [{ name: 'x' }] }, null]);
    // The executor writes later fetches into what it merged: no two entities share an object.
    expect(entities[2]).not.toBe(entities[0]);
    expect(entities[2]!.tags[0]).not.toBe(entities[0]!.tags[0]);
    expect(spread.errors).toEqual([
      { message: 'hidden', path: ['_entities', 1, 'name'] },
      { message: 'hidden', path: ['_entities', 3, 'name'] },
      { message: 'elsewhere' },
    ]);
    // A malformed answer is the executor's to reject.
    const short = { data: { _entities: [{ id: '1' }] } };
    expect(spreadEntities(short, distinct)).toBe(short);
  });
});

/**
 * Nine reviews by three authors over two small subgraphs: our gateway asks the users subgraph for
 * three authors where stock @apollo/gateway asks for nine, and both answer the same, the error of
 * the author that cannot be read included at each place it appears.
 */
describe('a gateway over repeated entities', () => {
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
          __resolveReference: async ({ id }: { id: string }) => {
            resolved.push(id);
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
        type Query { reviews: [Review!]! }`),
      resolvers: {
        Query: { reviews: () => Array.from({ length: 9 }, (_, i) => ({ id: String(i + 1), author: { id: String((i % 3) + 1) } })) },
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
});
