import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getConfig } from '../../shared/config/config.js';
import { composeSupergraph } from '../../shared/schema/compose.js';
import { freePort, startChild, type ChildService } from '../../shared/testing/child-process.js';
import { createTenantWithUser, type TenantFixture } from '../../shared/testing/fixtures.js';
import { subscribeWs, wsClient } from '../../shared/testing/live-client.js';
import { postGraphQL, startTestSupergraph, type TestSupergraph } from '../../shared/testing/test-supergraph.js';
import { SUBGRAPHS } from '../../subgraphs/index.js';

const config = getConfig();
// Several processes share one database and one Redis only on the real servers: PGlite and
// the in-memory pub/sub live inside a single process by design.
const realServers = Boolean(config.databaseUrl && config.redisUrl);

/**
 * The live path across processes: a client subscribed through gateway A (in this process,
 * entity replica 1) sees a change made through gateway B (another process) on entity
 * replica 2 (a third process), because replica 2's relay publishes to Redis.
 */
(realServers ? describe : describe.skip)('subscriptions across gateway and subgraph replicas (real PostgreSQL and Redis)', () => {
  let sg: TestSupergraph;
  let acme: TenantFixture;
  let dir: string;
  let gatewayBUrl: string;
  const children: ChildService[] = [];

  beforeAll(async () => {
    sg = await startTestSupergraph();
    acme = await createTenantWithUser(sg, 'acme');
    const target = sg.database.target;
    if (target.kind !== 'postgres') throw new Error('needs a real database');
    const shared = { DATABASE_URL: target.url, REDIS_URL: config.redisUrl as string, REDIS_KEY_PREFIX: config.redisKeyPrefix };

    const entityPort = await freePort();
    children.push(
      await startChild('scripts/start-subgraph.ts', ['entity'], { ...shared, ENTITY_PORT: String(entityPort) }, `http://127.0.0.1:${entityPort}/health/ready`),
    );
    dir = await mkdtemp(join(tmpdir(), 'supergraph-'));
    const supergraphPath = join(dir, 'supergraph.graphql');
    await writeFile(supergraphPath, (await composeSupergraph(Object.values(SUBGRAPHS))).supergraphSdl);
    const urls = Object.fromEntries(
      Object.values(sg.subgraphs).map((s) => [`SUBGRAPH_URL_${s.name.toUpperCase()}`, s.name === 'entity' ? `http://127.0.0.1:${entityPort}/graphql` : s.url]),
    );
    const gatewayPort = await freePort();
    children.push(
      await startChild('gateway/main.ts', [], { ...shared, ...urls, SUPERGRAPH_PATH: supergraphPath, GATEWAY_PORT: String(gatewayPort) }, `http://127.0.0.1:${gatewayPort}/health`),
    );
    gatewayBUrl = `http://127.0.0.1:${gatewayPort}/graphql`;
  }, 90_000);

  afterAll(async () => {
    await Promise.all(children.map((child) => child.stop()));
    await sg?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('delivers an event made through another gateway and subgraph replica, resolved across subgraphs', async () => {
    const client = wsClient(sg.gateway.url, { authorization: `Bearer ${acme.accessToken}` });
    const changes = subscribeWs<{ recordChanged: { action: string; record: { data: unknown; owner: { email: string } } } }>(
      client,
      'subscription { recordChanged { action record { data owner { email } } } }',
    );
    // The subscription is open once the upstream subgraph holds it.
    await new Promise((resolve) => setTimeout(resolve, 500));

    const made = await postGraphQL<{ createRecord: { id: string } }>(
      gatewayBUrl,
      'mutation { createRecord(input: { type: "contact", data: { name: "Across" }, ownerId: "' + acme.userId + '" }) { id } }',
      {},
      { authorization: `Bearer ${acme.accessToken}` },
    );
    expect(made.errors).toBeUndefined();
    const event = await changes.next(10_000);
    expect(event.data?.recordChanged).toEqual({ action: 'CREATED', record: { data: { name: 'Across' }, owner: { email: acme.email } } });
    changes.close();
    await client.dispose();
  });
});

/**
 * Consumers in worker processes apart from the API (RUN_WORKERS=false on the subgraphs): a
 * worker killed outright loses nothing; what was queued meanwhile is handled by the next.
 */
(realServers ? describe : describe.skip)('event consumers in separate worker processes (real PostgreSQL and Redis)', () => {
  let sg: TestSupergraph;
  let acme: TenantFixture;
  let env: Record<string, string>;
  let worker: ChildService | undefined;
  const facts = () =>
    sg.data<{ events: { totalCount: number } }>('{ events(name: "document.created") { totalCount } }', {}, acme.as).then((d) => d.events.totalCount);
  const settle = async (expected: number) => {
    const end = Date.now() + 15_000;
    while ((await facts()) !== expected) {
      if (Date.now() > end) throw new Error(`expected ${expected} facts, have ${await facts()}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };
  const createDocument = () => sg.data('mutation { createDocument(input: { title: "w", content: "x" }) { id } }', {}, acme.as);
  const startWorker = () => startChild('scripts/start-worker.ts', ['analytics'], { ...env, LOG_LEVEL: 'info' }, /worker ready/);

  beforeAll(async () => {
    sg = await startTestSupergraph({ runWorkers: false });
    acme = await createTenantWithUser(sg, 'acme');
    const target = sg.database.target;
    if (target.kind !== 'postgres') throw new Error('needs a real database');
    env = { DATABASE_URL: target.url, REDIS_URL: config.redisUrl as string, REDIS_KEY_PREFIX: config.redisKeyPrefix };
  }, 60_000);

  afterAll(async () => {
    await worker?.stop();
    await sg?.stop();
  });

  it('handles events in a worker process, and loses none while no worker runs', async () => {
    worker = await startWorker();
    await createDocument();
    await settle(1);

    worker.process.kill('SIGKILL');
    await new Promise((resolve) => worker?.process.once('exit', resolve));
    await createDocument();
    await createDocument();
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await facts()).toBe(1);

    worker = await startWorker();
    await settle(3);
  });
});
