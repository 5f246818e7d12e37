/**
 * Gateway throughput: the same deep cross-subgraph query under constant load (autocannon) against
 * our gateway (auth, rate limiting, limits, metrics, resilience on) and against a stock
 * @apollo/gateway (ApolloServer defaults) over the same supergraph and the same running subgraphs,
 * one after the other. The gateway-only comparison (with Hive Gateway) is gateway-throughput.bench.ts.
 */
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import autocannon from 'autocannon';
import express from 'express';
import { createServer } from 'node:http';
import { parseArgs } from 'node:util';
import { CALLER_TOKEN_HEADER, callerTokenSigner } from '../shared/auth/caller-token.js';
import { getConfig } from '../shared/config/config.js';
import type { Caller } from '../shared/context/caller.js';
import { composeSupergraph } from '../shared/schema/compose.js';
import { createTenantWithUser } from '../shared/testing/fixtures.js';
import { startTestSupergraph } from '../shared/testing/test-supergraph.js';
import { SUBGRAPHS } from '../subgraphs/index.js';
import type { BenchOutcome } from './subscriptions.bench.js';

const OPTIONS = {
  connections: { type: 'string', default: '50' },
  seconds: { type: 'string', default: '15' },
  warmup: { type: 'string', default: '5' },
} as const;

// Three subgraphs deep: documents (document) → owner (identity); records (entity) → owner (identity).
const QUERY = `query Deep {
  documents(first: 20) { items { id title status owner { id email displayName } } }
  records(first: 20) { totalCount items { id type data owner { id email displayName } } }
}`;

interface Result {
  target: string;
  rps: number;
  p50: number;
  p97_5: number;
  p99: number;
  errors: number;
  non2xx: number;
}

function load(url: string, headers: Record<string, string>, seconds: number, connections: number): Promise<autocannon.Result> {
  return autocannon({ url, method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query: QUERY }), connections, duration: seconds });
}

export const gatewayBench = {
  name: 'gateway',
  title: 'Gateway throughput',
  intro: `The same cross-subgraph query (documents and records with their owners: document, entity and
identity subgraphs, two levels of entity fetches) under constant load from autocannon, against:

- **ours**: the project's gateway with authentication (a bearer token verified per request), Redis-
  or memory-backed rate limiting, depth/cost/alias limits, request logging, Prometheus metrics and the
  per-subgraph timeout/retry/circuit breaker;
- **stock**: \`new ApolloGateway({ supergraphSdl })\` in a default \`ApolloServer\`, whose data sources only
  add the signed caller header the subgraphs require (a token signed once a minute, as ours does).

Both run in this one process beside the same six subgraphs (\`startTestSupergraph\`), one after the
other, ${OPTIONS.warmup.default} s warm-up then ${OPTIONS.seconds.default} s measured each, ${OPTIONS.connections.default} connections. autocannon reports p97.5, not p95.
The gateways are not what limits this run: the real subgraphs (a database each) are. Ours also
makes OpenTelemetry spans for every request (none exported here). For the gateways themselves,
against fixed in-memory subgraphs and with Hive Gateway, see \`gateway-throughput\`.

\`npm run bench -- gateway [--connections=${OPTIONS.connections.default}] [--seconds=${OPTIONS.seconds.default}] [--warmup=${OPTIONS.warmup.default}]\``,
  async run(argv: string[], log: (line: string) => void): Promise<BenchOutcome> {
    const { values } = parseArgs({ args: argv, options: OPTIONS, strict: false });
    const connections = Number(values.connections);
    const seconds = Number(values.seconds);
    const warmup = Number(values.warmup);
    const sg = await startTestSupergraph();
    const stock = express();
    const stockServer = createServer(stock);
    let apollo: ApolloServer | undefined;
    try {
      const tenant = await createTenantWithUser(sg, 'bench');
      for (let i = 0; i < 20; i += 1) {
        await sg.data('mutation ($i: CreateDocumentInput!) { createDocument(input: $i) { id } }', { i: { title: `Document ${i}`, content: 'x' } }, tenant.as);
        await sg.data('mutation ($i: CreateRecordInput!) { createRecord(input: $i) { id } }', { i: { type: 'contact', data: { name: `Contact ${i}` } } }, tenant.as);
      }
      const check = await sg.data<{ documents: { items: unknown[] }; records: { items: unknown[] } }>(QUERY, {}, tenant.as);
      if (check.documents.items.length !== 20 || check.records.items.length !== 20) throw new Error('seed data missing');

      // The stock gateway: the same supergraph and subgraphs, nothing of ours but the header the subgraphs demand.
      const { supergraphSdl } = await composeSupergraph(Object.values(SUBGRAPHS));
      const urls = Object.fromEntries(Object.entries(sg.subgraphs).map(([name, s]) => [name, s.url]));
      const caller: Caller = { kind: 'user', userId: tenant.userId, tenantId: tenant.tenantId, scopes: ['*'], principalId: null, clientIp: null };
      const sign = callerTokenSigner(caller, getConfig().internalTokenSecret);
      const gateway = new ApolloGateway({
        supergraphSdl,
        buildService: ({ name, url }) =>
          new RemoteGraphQLDataSource({
            url: urls[name] ?? url,
            willSendRequest: async ({ request }) => {
              request.http?.headers.set(CALLER_TOKEN_HEADER, await sign());
            },
          }),
      });
      apollo = new ApolloServer({ gateway });
      await apollo.start();
      stock.use('/graphql', express.json(), expressMiddleware(apollo));
      await new Promise<void>((resolve) => stockServer.listen(0, '127.0.0.1', resolve));
      const stockUrl = `http://127.0.0.1:${(stockServer.address() as { port: number }).port}/graphql`;

      const targets: [string, string, Record<string, string>][] = [
        ['ours', sg.gateway.url.replace('localhost', '127.0.0.1'), { authorization: `Bearer ${tenant.accessToken}` }],
        ['stock @apollo/gateway', stockUrl, {}],
      ];
      const results: Result[] = [];
      for (const [target, url, headers] of targets) {
        log(`  ${target}: warm-up ${warmup} s`);
        await load(url, headers, warmup, connections);
        log(`  ${target}: ${seconds} s at ${connections} connections`);
        const r = await load(url, headers, seconds, connections);
        results.push({ target, rps: r.requests.average, p50: r.latency.p50, p97_5: r.latency.p97_5, p99: r.latency.p99, errors: r.errors, non2xx: r.non2xx });
      }
      const [ours, base] = results as [Result, Result];
      const markdown = [
        '| gateway | req/s | p50 (ms) | p97.5 (ms) | p99 (ms) | errors | non-2xx |',
        '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
        ...results.map((r) => `| ${r.target} | ${r.rps.toFixed(0)} | ${r.p50} | ${r.p97_5} | ${r.p99} | ${r.errors} | ${r.non2xx} |`),
        '',
        `Ours ÷ stock: **${(ours.rps / base.rps).toFixed(2)}×** the throughput, p99 ${ours.p99} ms vs ${base.p99} ms.`,
      ].join('\n');
      return { text: markdown, markdown };
    } finally {
      await apollo?.stop();
      stockServer.close();
      await sg.stop();
    }
  },
};
