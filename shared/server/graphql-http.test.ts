import { request as httpRequest, type Server } from 'node:http';
import { ApolloServer } from '@apollo/server';
import express from 'express';
import { graphqlHttpHandler, isGraphQLPath, routeRequests } from './graphql-http.js';
import { createHttpServer, listen } from './http-server.js';

let server: Server;
let apollo: ApolloServer<{ who: string }>;
let base: string;

beforeAll(async () => {
  const app = express();
  app.get('/graphql/stream', (_req, res) => res.json({ from: 'express' }));
  const routes = routeRequests('test', app);
  server = createHttpServer(routes.listener);
  apollo = new ApolloServer<{ who: string }>({
    typeDefs: 'type Query { hello(name: String): String  who: String }',
    resolvers: { Query: { hello: (_: unknown, { name }: { name?: string }) => `hello ${name ?? 'world'}`, who: (_: unknown, __: unknown, ctx: { who: string }) => ctx.who } },
    csrfPrevention: true,
  });
  await apollo.start();
  routes.serveGraphQL(graphqlHttpHandler(apollo, { bodyLimit: 1_000, context: async (req) => ({ who: String(req.headers['x-who'] ?? 'nobody') }) }));
  base = `http://127.0.0.1:${await listen(server, 0, '127.0.0.1')}`;
});

afterAll(async () => {
  await apollo.stop();
  await new Promise((resolve) => server.close(resolve));
});

const post = (body: string, headers: Record<string, string> = { 'content-type': 'application/json' }) => fetch(`${base}/graphql`, { method: 'POST', headers, body });

describe('the /graphql endpoint on Node’s HTTP server', () => {
  it('runs a POSTed operation with its variables and the context built from the request', async () => {
    const res = await post(JSON.stringify({ query: 'query ($n: String) { hello(name: $n) who }', variables: { n: 'Ada' } }), {
      'content-type': 'application/json; charset=utf-8',
      'x-who': 'tester',
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/application\/(graphql-response\+)?json/);
    expect(await res.json()).toEqual({ data: { hello: 'hello Ada', who: 'tester' } });
  });

  it('runs a GET query from the query string, and routes every other path to Express', async () => {
    const res = await fetch(`${base}/graphql?query=${encodeURIComponent('{ hello }')}`, { headers: { 'apollo-require-preflight': 'true' } });
    expect(await res.json()).toEqual({ data: { hello: 'hello world' } });
    expect(await (await fetch(`${base}/graphql/stream`)).json()).toEqual({ from: 'express' });
  });

  it('refuses a body that is not JSON, too large, or sent as a simple cross-site request', async () => {
    const broken = await post('{"query": ');
    expect(broken.status).toBe(400);
    expect(await broken.json()).toMatchObject({ errors: [{ message: expect.stringMatching(/not valid JSON/), extensions: { code: 'BAD_REQUEST' } }] });
    const large = await post(JSON.stringify({ query: `{ hello(name: "${'x'.repeat(2_000)}") }` }));
    expect(large.status).toBe(413);
    expect(await large.json()).toMatchObject({ errors: [{ extensions: { code: 'PAYLOAD_TOO_LARGE' } }] });
    const csrf = await post(JSON.stringify({ query: '{ hello }' }), { 'content-type': 'text/plain' });
    expect(csrf.status).toBe(400);
    expect(await csrf.text()).toMatch(/CSRF/);
  });

  it('counts a body sent in chunks without a length against the limit too', async () => {
    const { status, text } = await new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = httpRequest(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' } }, (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      });
      req.on('error', reject);
      for (let i = 0; i < 20; i++) req.write('{"query":"{ hello }"}'.padEnd(100, ' '));
      req.end();
    });
    expect(status).toBe(413);
    expect(JSON.parse(text)).toMatchObject({ errors: [{ extensions: { code: 'PAYLOAD_TOO_LARGE' } }] });
  });

  it('knows the endpoint’s own path from its neighbours', () => {
    expect(['/graphql', '/graphql/', '/graphql?query=x', '/graphql/?a=1'].every(isGraphQLPath)).toBe(true);
    expect(['/graphql/stream', '/graphqlx', '/', '/health', undefined].some(isGraphQLPath)).toBe(false);
  });
});
