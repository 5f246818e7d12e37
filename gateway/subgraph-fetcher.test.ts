import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SubgraphFetcher } from './subgraph-fetcher.js';

let server: Server;
let url: string;
const seen: { method?: string; url?: string; headers: IncomingMessage['headers']; body: string; socket: unknown }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      seen.push({ method: req.method, url: req.url, headers: req.headers, body, socket: req.socket });
      if (req.url?.startsWith('/broken')) return void res.writeHead(503, { 'content-type': 'text/plain' }).end('down for a moment');
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'max-age=30, public', 'set-cookie': ['a=1', 'b=2'] });
      res.end(JSON.stringify({ data: { echo: JSON.parse(body || 'null') } }));
    });
  });
  server.keepAliveTimeout = 10_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise((resolve) => server.close(resolve)));

beforeEach(() => (seen.length = 0));

describe('subgraph fetcher', () => {
  it('sends the request as given and answers a Fetch-like response, over one kept-alive connection', async () => {
    const fetcher = new SubgraphFetcher();
    try {
      const body = JSON.stringify({ query: '{ a }', variables: { x: 1 } });
      for (let i = 0; i < 3; i++) {
        const response = await fetcher.fetch(`${url}/graphql?x=1`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-request-id': `r${i}` }, body });
        expect(response).toMatchObject({ ok: true, status: 200, statusText: 'OK', url: `${url}/graphql?x=1` });
        expect(response.headers.get('Cache-Control')).toBe('max-age=30, public');
        expect(response.headers.get('set-cookie')).toBe('a=1, b=2');
        expect(response.headers.has('x-missing')).toBe(false);
        const copy = response.clone();
        expect(await response.json()).toEqual({ data: { echo: { query: '{ a }', variables: { x: 1 } } } });
        expect(response.bodyUsed).toBe(true);
        expect(await copy.text()).toBe(JSON.stringify({ data: { echo: { query: '{ a }', variables: { x: 1 } } } }));
      }
      expect(seen.map((r) => [r.method, r.url, r.headers['x-request-id'], r.headers['content-type']])).toEqual([
        ['POST', '/graphql?x=1', 'r0', 'application/json'],
        ['POST', '/graphql?x=1', 'r1', 'application/json'],
        ['POST', '/graphql?x=1', 'r2', 'application/json'],
      ]);
      // Sequential fetches reuse connections rather than opening one each (the pool may open a
      // second while the first is still finishing its previous answer).
      for (let i = 0; i < 10; i++) await (await fetcher.fetch(`${url}/graphql`, { method: 'POST', body })).text();
      expect(seen).toHaveLength(13);
      expect(new Set(seen.map((r) => r.socket)).size).toBeLessThanOrEqual(2);
    } finally {
      await fetcher.close();
    }
  });

  it('answers an error status as a response (not ok) for the data source to turn into an error', async () => {
    const fetcher = new SubgraphFetcher();
    try {
      const response = await fetcher.fetch(`${url}/broken`, { method: 'POST', body: '{}' });
      expect(response).toMatchObject({ ok: false, status: 503, statusText: 'Service Unavailable' });
      expect(await response.text()).toBe('down for a moment');
    } finally {
      await fetcher.close();
    }
  });

  it('fails the fetch when nothing listens, as a transient failure the resilience policy retries', async () => {
    const fetcher = new SubgraphFetcher();
    try {
      await expect(fetcher.fetch('http://127.0.0.1:1/graphql', { method: 'POST', body: '{}' })).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    } finally {
      await fetcher.close();
    }
  });
});
