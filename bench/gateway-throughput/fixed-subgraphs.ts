/**
 * Fixed subgraphs for the gateway throughput bench, in a process of their own: four small
 * federated services answering from memory (identity/users, products, inventory, reviews), so the
 * gateway is what is measured, not databases. Writes the composed supergraph and an access token
 * the project's gateway accepts (ES256, served at identity's /.well-known/jwks.json), then prints
 * "fixed subgraphs ready".
 *
 *   node --import ./shared/runtime/register.js bench/gateway-throughput/fixed-subgraphs.ts <supergraph-out> <token-out>
 *
 * Each subgraph listens on a port the system picks (the supergraph names them): a range of ports
 * guessed free in advance can be taken by another process by the time it is bound.
 */
import { composeServices } from '@apollo/composition';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { execute, parse, type DocumentNode, type GraphQLSchema } from 'graphql';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

const [supergraphPath, tokenPath] = process.argv.slice(2);

const users = Array.from({ length: 10 }, (_, i) => ({ id: String(i + 1), name: `User ${i + 1}`, username: `user${i + 1}` }));
const products = Array.from({ length: 10 }, (_, i) => ({ upc: String(i + 1), name: `Product ${i + 1}`, price: 100 * (i + 1), weight: 10 + i }));
const reviews = Array.from({ length: 30 }, (_, i) => ({ id: String(i + 1), body: `Review ${i + 1}: ${'good '.repeat(8)}`, authorId: String((i % 10) + 1), upc: String((i % 10) + 1) }));

const LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@external", "@requires", "@shareable"])';

const SUBGRAPHS: { name: string; sdl: string; resolvers: Record<string, Record<string, unknown>> }[] = [
  {
    name: 'identity',
    sdl: `${LINK}
      type Query { me: User }
      type User @key(fields: "id") { id: ID! name: String username: String }`,
    resolvers: {
      Query: { me: () => users[0] },
      User: { __resolveReference: (ref: { id: string }) => users.find((u) => u.id === ref.id) },
    },
  },
  {
    name: 'products',
    sdl: `${LINK}
      type Query { topProducts(first: Int = 5): [Product] }
      type Product @key(fields: "upc") { upc: String! name: String price: Int weight: Int }`,
    resolvers: {
      Query: { topProducts: (_: unknown, { first }: { first: number }) => products.slice(0, first) },
      Product: { __resolveReference: (ref: { upc: string }) => products.find((p) => p.upc === ref.upc) },
    },
  },
  {
    name: 'inventory',
    sdl: `${LINK}
      type Product @key(fields: "upc") { upc: String! weight: Int @external price: Int @external inStock: Boolean shippingEstimate: Int @requires(fields: "price weight") }`,
    resolvers: {
      Product: {
        __resolveReference: (ref: { upc: string; price?: number; weight?: number }) => ({ ...ref, inStock: Number(ref.upc) % 3 !== 0 }),
        shippingEstimate: (product: { price: number; weight: number }) => (product.price > 1000 ? 0 : Math.round(product.weight / 2)),
      },
    },
  },
  {
    name: 'reviews',
    sdl: `${LINK}
      type Review @key(fields: "id") { id: ID! body: String author: User product: Product }
      type User @key(fields: "id") { id: ID! reviews: [Review] }
      type Product @key(fields: "upc") { upc: String! reviews: [Review] }`,
    resolvers: {
      Review: {
        __resolveReference: (ref: { id: string }) => reviews.find((r) => r.id === ref.id),
        author: (review: { authorId: string }) => ({ id: review.authorId }),
        product: (review: { upc: string }) => ({ upc: review.upc }),
      },
      User: { reviews: (user: { id: string }) => reviews.filter((r) => r.authorId === user.id) },
      Product: { reviews: (product: { upc: string }) => reviews.filter((r) => r.upc === product.upc) },
    },
  },
];

const body = (req: IncomingMessage) =>
  new Promise<string>((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString()));
  });

/**
 * A GraphQL server that executes each distinct request once and then answers it from memory: the
 * data is fixed, so the same request body always has the same answer, and the subgraphs (which
 * share this machine's cores with the gateway and the load generator) cost each gateway alike and
 * as little as they can. A request whose body differs in any byte is executed.
 */
function serve(schema: GraphQLSchema, extra?: (path: string) => unknown): Promise<number> {
  const documents = new Map<string, DocumentNode>();
  const answers = new Map<string, string>();
  const server = createServer(async (req, res) => {
    const extraBody = extra?.(req.url ?? '');
    if (extraBody !== undefined) {
      res.writeHead(200, { 'content-type': 'application/json' });
      return void res.end(JSON.stringify(extraBody));
    }
    const raw = await body(req);
    let answer = answers.get(raw);
    if (answer === undefined) {
      const { query, variables, operationName } = JSON.parse(raw) as { query: string; variables?: Record<string, unknown>; operationName?: string };
      let document = documents.get(query);
      if (!document) documents.set(query, (document = parse(query)));
      answer = JSON.stringify(await execute({ schema, document, variableValues: variables, operationName }));
      if (answers.size < 10_000) answers.set(raw, answer);
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(answer);
  });
  server.keepAliveTimeout = 60_000;
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
}

const { publicKey, privateKey } = await generateKeyPair('ES256');
const jwk = { ...(await exportJWK(publicKey)), kid: 'bench', alg: 'ES256', use: 'sig' };
const ports = await Promise.all(
  SUBGRAPHS.map((subgraph) =>
    serve(buildSubgraphSchema({ typeDefs: parse(subgraph.sdl), resolvers: subgraph.resolvers as never }), (path) =>
      subgraph.name === 'identity' && path === '/.well-known/jwks.json' ? { keys: [jwk] } : path === '/health' ? { status: 'ok' } : undefined,
    ),
  ),
);
const composed = composeServices(SUBGRAPHS.map((s, i) => ({ name: s.name, url: `http://127.0.0.1:${ports[i]}/graphql`, typeDefs: parse(s.sdl) })));
if (composed.errors) throw new Error(`composition failed: ${composed.errors.map((e) => e.message).join('; ')}`);
await writeFile(supergraphPath!, composed.supergraphSdl);
// An access token as the identity subgraph issues them: a user of a tenant, every permission.
const token = await new SignJWT({ typ: 'access', knd: 'user', tid: '01900000-0000-7000-8000-0000000000aa', scp: ['*'], pln: 'bench' })
  .setProtectedHeader({ alg: 'ES256', kid: 'bench' })
  .setSubject('01900000-0000-7000-8000-0000000000bb')
  .setIssuer('supergraph-identity')
  .setAudience('supergraph')
  .setIssuedAt()
  .setExpirationTime('2h')
  .sign(privateKey);
await writeFile(tokenPath!, token);
console.error('fixed subgraphs ready');
